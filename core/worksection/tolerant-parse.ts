// Reading a Worksection answer record by record. One record our schemas do not accept (a value entered
// elsewhere that we cannot read, a field Worksection added) must not take down every answer that lists
// it: the record is left out of the typed answer and kept, as it came, in the answer's UNREADABLE list,
// which survives the response cache (the key travels with the body). Tools show those records with a
// note and the log names them (mcp/server/tool-call.ts). Only a problem outside any record, in a field
// the answer cannot do without, still fails the whole answer.
import { z } from 'zod';
import { ACTION_RESPONSES, type ActionResponse, type JsonActionName } from './schemas.js';

/** Where a parsed answer carries the records it could not read. */
const UNREADABLE = '__unreadable';

export interface UnreadableRecord {
  action: string;
  /** Where it sat in the answer, e.g. "data[3]" or "data[0].child[2]". */
  where: string;
  /** The record as Worksection sent it. */
  record: unknown;
  /** The first thing our schema found wrong with it. */
  problem: string;
}

type Parsed<A extends JsonActionName> =
  { success: true; data: ActionResponse<A> } | { success: false; issues: z.core.$ZodIssue[] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Path = readonly PropertyKey[];

const pathText = (path: Path): string =>
  path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );

function at(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<PropertyKey, unknown> | undefined)?.[k];
  return v;
}

/** The innermost array element an issue lies in: [path of the array, index], or undefined. */
function recordOf(path: Path): [Path, number] | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    if (typeof k === 'number') return [path.slice(0, i), k];
  }
  return undefined;
}

/** The answer's records and optional fields that failed, taken out; undefined when that cannot help. */
function setAside(
  schema: z.ZodType,
  body: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
): { body: Record<string, unknown>; aside: Omit<UnreadableRecord, 'action'>[] } | undefined {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : undefined;
  const copy = structuredClone(body);
  const drops = new Map<string, { array: Path; indices: Map<number, string> }>();
  const fields = new Map<string, string>();
  for (const issue of issues) {
    const found = recordOf(issue.path);
    if (found) {
      const [array, index] = found;
      const key = pathText(array);
      const entry = drops.get(key) ?? { array, indices: new Map<number, string>() };
      if (!entry.indices.has(index)) entry.indices.set(index, issue.message);
      drops.set(key, entry);
      continue;
    }
    const field = issue.path[0];
    // A field the answer may lack (a summary like a total) is set aside too; a required one cannot be.
    if (typeof field !== 'string' || !shape?.[field]?.safeParse(undefined).success) return undefined;
    fields.set(field, issue.message);
  }
  const aside: Omit<UnreadableRecord, 'action'>[] = [];
  for (const [field, problem] of fields) {
    aside.push({ where: field, record: body[field], problem });
    delete copy[field];
  }
  // Outer arrays first: a record inside one already set aside goes with it.
  const removed: string[] = [];
  for (const { array, indices } of [...drops.values()].sort((a, b) => a.array.length - b.array.length)) {
    const list = at(copy, array);
    if (!Array.isArray(list)) return undefined;
    for (const [index, problem] of indices) {
      const where = `${pathText(array)}[${index}]`;
      if (removed.some((r) => where.startsWith(r))) continue;
      aside.push({ where, record: at(body, [...array, index]), problem });
      removed.push(where);
    }
    const kept = list.filter((_, i) => !indices.has(i));
    list.splice(0, list.length, ...kept);
  }
  return { body: copy, aside };
}

/** Parses an answer of `action`, setting aside the records that do not fit (see above). */
export function parseAnswer<A extends JsonActionName>(action: A, body: unknown): Parsed<A> {
  const schema: z.ZodType = ACTION_RESPONSES[action];
  if (!isRecord(body)) {
    const parsed = schema.safeParse(body);
    return parsed.success
      ? { success: true, data: parsed.data as ActionResponse<A> }
      : { success: false, issues: parsed.error.issues };
  }
  const { [UNREADABLE]: carried, ...rest } = body;
  const unreadable: UnreadableRecord[] = Array.isArray(carried) ? (carried as UnreadableRecord[]) : [];
  let parsed = schema.safeParse(rest);
  if (!parsed.success) {
    const fixed = setAside(schema, rest, parsed.error.issues);
    if (!fixed) return { success: false, issues: parsed.error.issues };
    parsed = schema.safeParse(fixed.body);
    if (!parsed.success) return { success: false, issues: parsed.error.issues };
    unreadable.push(...fixed.aside.map((a) => ({ action, ...a })));
  }
  const data = parsed.data as ActionResponse<A>;
  if (unreadable.length > 0) Object.assign(data as object, { [UNREADABLE]: unreadable });
  return { success: true, data };
}

/** The records an answer of parseAnswer set aside. */
export function unreadableOf(answer: unknown): readonly UnreadableRecord[] {
  const list = isRecord(answer) ? answer[UNREADABLE] : undefined;
  return Array.isArray(list) ? (list as UnreadableRecord[]) : [];
}
