// A stable fingerprint and a census of an account: tests compare generated accounts by digest, the
// benchmark prints the census.
import { createHash } from 'node:crypto';
import type { SandboxData } from '../model.js';

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${createHash('sha256').update(value).digest('hex')}`;
  if (value instanceof Map) return [...value.entries()];
  return value;
}

/** sha256 over every record and index in insertion order, file bytes included. */
export function digestData(data: SandboxData): string {
  const hash = createHash('sha256');
  const { index, ...rest } = data;
  for (const [name, value] of Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\n#${name}\n`);
    if (value instanceof Map)
      for (const rec of value.values()) hash.update(JSON.stringify(rec, replacer) + '\n');
    else if (Array.isArray(value)) for (const rec of value) hash.update(JSON.stringify(rec, replacer) + '\n');
    else hash.update(JSON.stringify(value));
  }
  for (const [name, map] of Object.entries(index).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\n#index.${name}\n`);
    for (const [k, v] of map as Map<unknown, unknown>) hash.update(JSON.stringify([k, v]) + '\n');
  }
  return hash.digest('hex');
}

export type Census = Record<string, number>;

export function census(data: SandboxData): Census {
  let subtasks = 0;
  let delayed = 0;
  let done = 0;
  for (const t of data.tasks.values()) {
    if (t.parentId !== undefined) subtasks++;
    if (t.publishAt !== undefined) delayed++;
    if (t.status === 'done') done++;
  }
  let fileBytes = 0;
  for (const f of data.files.values()) fileBytes += f.size;
  return {
    users: data.users.size,
    groups: data.groups.size,
    contacts: data.contacts.size,
    contactGroups: data.contactGroups.size,
    folders: data.folders.size,
    projects: data.projects.size,
    tasks: data.tasks.size,
    subtasks,
    doneTasks: done,
    delayedTasks: delayed,
    relations: data.relations.length,
    comments: data.comments.size,
    files: data.files.size,
    fileBytes,
    costs: data.costs.size,
    timers: data.timers.size,
    tagGroups: data.tagGroups.size,
    tags: data.tags.size,
    events: data.events.length,
    webhooks: data.webhooks.size,
  };
}
