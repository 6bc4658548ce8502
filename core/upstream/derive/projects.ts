// Projects derived from cached project answers: get_project from a cached
// get_project of the same project or a cached get_projects list holding it, and get_projects of one status
// from a cached list of all projects, whenever the cached `extra` covers the parts asked for (text|html,
// options, users; the rest of a project is always there). A missed get_project is fetched with every part,
// and a missed project list as every project with every part (projects are few and small), so the project
// tools that follow (list_projects, project_stats, get_project, the archived check of task searches) share
// one request.
import type { CacheParams } from '../../store/response-cache.js';
import { hasParts, isObj, mentions, type DeriveSource, type DerivedAnswer, type Obj } from './tasks.js';
import { extraSet } from '../cache-policy.js';

const PART_FIELDS: Record<string, string> = {
  text: 'text',
  html: 'text',
  options: 'options',
  users: 'users',
};
const STATUSES = ['active', 'pending', 'archive'];
const ALL_PARTS = ['options', 'users'];
/**
 * The parts a missed project list is read with (widenedProjects, plain text): whoever lists the projects
 * for tools to derive from (the mirror's sync) asks the same, so its answer serves get_project too.
 */
export const WHOLE_PROJECTS_EXTRA = [...ALL_PARTS, 'text'].sort().join(',');

const onlyKeys = (params: CacheParams, allowed: string[]) =>
  Object.keys(params).every((k) => allowed.includes(k) && typeof params[k] === 'string');

/** The project with only the parts asked for. */
function trim(project: Obj, wanted: Set<string>): Obj {
  const out = { ...project };
  const keep = new Set([...wanted].flatMap((p) => PART_FIELDS[p] ?? []));
  for (const field of Object.values(PART_FIELDS)) if (!keep.has(field)) delete out[field];
  return out;
}

function* cached(src: DeriveSource, selector: Parameters<DeriveSource['find']>[0], wanted: Set<string>) {
  for (const entry of src.find(selector)) {
    if (!hasParts(extraSet(entry.params.extra), wanted)) continue;
    const body = src.body(entry.key);
    if (isObj(body)) yield { entry, data: body.data };
  }
}

export function deriveProject(params: CacheParams, src: DeriveSource): DerivedAnswer | undefined {
  const id = params.id_project;
  if (typeof id !== 'string' || !onlyKeys(params, ['id_project', 'extra'])) return undefined;
  const wanted = extraSet(params.extra);
  for (const { entry, data } of cached(
    src,
    { actions: ['get_project'], param: ['id_project', id] },
    wanted,
  )) {
    if (isObj(data) && data.id === id) {
      return {
        body: { status: 'ok', data: trim(data, wanted) },
        fetchedAt: entry.fetchedAt,
        from: entry.key,
      };
    }
  }
  for (const { entry, data } of cached(src, { actions: ['get_projects'], bodyHas: mentions(id) }, wanted)) {
    const project = Array.isArray(data) ? data.find((p) => isObj(p) && p.id === id) : undefined;
    if (isObj(project)) {
      return {
        body: { status: 'ok', data: trim(project, wanted) },
        fetchedAt: entry.fetchedAt,
        from: entry.key,
      };
    }
  }
  return undefined;
}

export function deriveProjects(params: CacheParams, src: DeriveSource): DerivedAnswer | undefined {
  if (!onlyKeys(params, ['filter', 'extra'])) return undefined;
  const filter = params.filter;
  if (filter !== undefined && !STATUSES.includes(filter as string)) return undefined;
  const wanted = extraSet(params.extra);
  for (const { entry, data } of cached(src, { actions: ['get_projects'] }, wanted)) {
    if (entry.params.filter !== undefined || !Array.isArray(data)) continue;
    const list = data.filter((p): p is Obj => isObj(p) && (filter === undefined || p.status === filter));
    return {
      body: { status: 'ok', data: list.map((p) => trim(p, wanted)) },
      fetchedAt: entry.fetchedAt,
      from: entry.key,
    };
  }
  return undefined;
}

/** get_projects of every status with every part. */
export function widenedProjects(params: CacheParams): CacheParams | undefined {
  if (!onlyKeys(params, ['filter', 'extra'])) return undefined;
  const extra = extraSet(params.extra);
  const text = extra.has('html') ? 'html' : 'text';
  return { extra: [...new Set([...extra, ...ALL_PARTS, text])].sort().join(',') };
}

/** get_project with every part (the text variant asked for, else text). */
export function widenedProject(params: CacheParams): CacheParams | undefined {
  if (typeof params.id_project !== 'string' || !onlyKeys(params, ['id_project', 'extra'])) return undefined;
  const extra = extraSet(params.extra);
  const text = extra.has('html') ? 'html' : 'text';
  return { ...params, extra: [...new Set([...extra, ...ALL_PARTS, text])].sort().join(',') };
}
