// Generates a believable Worksection account, deterministic per (seed, size, now): the same inputs give the
// same records, ids and file bytes on every machine. Everything time-related is placed relative to `now`,
// so "recent", "overdue" and "running for 20 minutes" make sense whenever the sandbox starts.
//
// The small account is the test fixture. Its first project (the "showcase", named after the first web
// theme, "Website redesign") always has, in its first five top-level tasks by creation: a task with three
// subtasks and two sub-subtasks, files of every kind, five comments (two with files), costs and a running
// timer; an overdue task assigned to NOONE; a task assigned to ANYONE; a closed task with closed subtasks; a
// task with delayed publication. Relations link the first three (finish-to-start, then start-to-start).
//
// Ids: one counter for every kind (allocateId); within a kind, ids follow creation time, so "newest first"
// by id and by date agree.
import type { SandboxData } from '../model.js';
import { createEmptyData } from '../records.js';
import { generateComments, generateCosts, generateTimers } from './activity.js';
import { generateAttachments } from './attachments.js';
import type { GenContext } from './context.js';
import { generateEvents, generateWebhook } from './events.js';
import { generatePeople, mailDomain } from './people.js';
import { generateProjects } from './projects.js';
import { Rng } from './random.js';
import { SIZE_PROFILES } from './sizes.js';
import { generateTags } from './tags.js';
import { generateTasks } from './tasks.js';
import { floorMinute } from './time.js';
import { OWN_COMPANIES } from './words-people.js';

export type SandboxSize = 'small' | 'large';

export interface GenerateOptions {
  seed: number;
  size: SandboxSize;
  accountUrl?: string;
  /** The clock at generation (epoch ms): recent events and running timers are placed relative to it. */
  now?: number;
}

export function generateAccount(opts: GenerateOptions): SandboxData {
  const data = createEmptyData(opts.accountUrl ?? 'https://demo.worksection.com');
  const now = opts.now ?? Date.now();
  // Sizes differ in structure, not just counts: give each its own stream for the same seed.
  const rng = new Rng(opts.seed).derive(opts.size === 'small' ? 101 : 202);
  const company = rng.pick(OWN_COMPANIES);
  const ctx: GenContext = {
    data,
    profile: SIZE_PROFILES[opts.size],
    small: opts.size === 'small',
    now,
    nowMin: floorMinute(now),
    rng,
    domain: mailDomain(company.split(' ')[0] ?? company),
  };

  const people = generatePeople(ctx);
  const tags = generateTags(ctx);
  const projects = generateProjects(ctx, people, tags);
  const tasks = generateTasks(ctx, projects, tags);
  const comments = generateComments(ctx, tasks);
  generateAttachments(ctx, tasks, comments);
  generateCosts(ctx, tasks);
  generateTimers(ctx, tasks);
  generateEvents(ctx, projects, tasks, comments);
  generateWebhook(ctx, projects);
  return data;
}
