// bulk_create_tasks: up to 100 tasks in one call, each made as create_task makes it (the same checks of
// parents, people and tags; a failure fails its item only). With an idempotency_key a repeat of a run that
// did not finish resumes it: the items its earlier runs made (their post_task answered, or found in
// Worksection when the answer never came) are not made again.
import { z } from 'zod';
import type { JournalRequest } from '../../../store/change-journal.js';
import { BULK_MAX_ITEMS, bulkResultShape, runBulk } from '../kit/bulk-items.js';
import type { ToolContext } from '../kit/context.js';
import { dateArg } from '../kit/dates.js';
import { defineTool } from '../kit/define-tool.js';
import { farDates } from '../kit/write-plan.js';
import { assigneeArg } from './shared.js';
import { createInput, createTask } from './write.js';

// create_task's fields, described briefly: the tool says "as in create_task", and 100 items share them.
const { shape } = createInput;
const itemShape = z.object({
  project_id: shape.project_id.describe('Project.'),
  parent_id: shape.parent_id.describe('Parent task.'),
  title: shape.title.describe('Name.'),
  assignee: assigneeArg('Assignee.').optional(),
  priority: shape.priority.describe('0-10.'),
  text: shape.text.describe('Description.'),
  start_date: dateArg('Start.').optional(),
  due_date: dateArg('Due.').optional(),
  tags: shape.tags,
});
type Item = z.output<typeof itemShape>;

const resultShape = z.object({
  index: z.number().int(),
  result: bulkResultShape,
  task_id: z.string().optional(),
  reason: z.string().optional(),
});
type ItemResult = z.output<typeof resultShape>;

/** Where an item goes and its name: how a journaled post_task is matched to the item it made. */
function placeOf(parent: unknown, project: unknown, title: unknown): string {
  return parent !== undefined && parent !== null
    ? `parent ${String(parent)}|${String(title)}`
    : `project ${String(project)}|${String(title)}`;
}

/** How many tasks of each place and name the earlier runs made, or may have made (their answer never came). */
function madeBefore(requests: JournalRequest[]): { made: Map<string, number>; maybe: Map<string, number> } {
  const made = new Map<string, number>();
  const maybe = new Map<string, number>();
  for (const r of requests.filter((x) => x.action === 'post_task' && x.state !== 'failed')) {
    const place = placeOf(r.params.id_parent, r.params.id_project, r.params.title);
    const into = r.state === 'ok' ? made : maybe;
    into.set(place, (into.get(place) ?? 0) + 1);
  }
  return { made, maybe };
}

function take(counts: Map<string, number>, place: string): boolean {
  const n = counts.get(place) ?? 0;
  if (n > 0) counts.set(place, n - 1);
  return n > 0;
}

async function createOne(
  ctx: ToolContext,
  item: Item,
  index: number,
  earlier: ReturnType<typeof madeBefore>,
) {
  const place = placeOf(item.parent_id, item.project_id, item.title);
  const done =
    take(earlier.made, place) || (take(earlier.maybe, place) && (await createTask.verify?.(item, ctx, 0)));
  if (done)
    return {
      index,
      result: 'unchanged' as const,
      reason: 'Made by an earlier run with this idempotency_key.',
    };
  const { task } = (await createTask.handle(item, ctx)) as { task: { id: string } };
  return { index, result: 'done' as const, task_id: String(task.id) };
}

export const bulkCreateTasks = defineTool({
  name: 'bulk_create_tasks',
  title: 'Create many tasks',
  toolset: 'tasks',
  effect: 'write',
  resumable: true,
  description: 'Create many tasks or subtasks; item fields as in create_task.',
  input: z.object({
    items: z.array(itemShape).min(1).max(BULK_MAX_ITEMS).describe('The tasks.'),
  }),
  output: z.object({ results: z.array(resultShape), expected_seconds: z.number() }),
  plan(args, ctx) {
    const confirm = args.items.flatMap((item, i) =>
      farDates(ctx, { start_date: item.start_date, due_date: item.due_date }).map((r) => `item ${i}: ${r}`),
    );
    return Promise.resolve(confirm.length ? { confirm } : {});
  },
  handle(args, ctx) {
    const earlier = madeBefore(ctx.resumes?.requests ?? []);
    return runBulk<Item, ItemResult>(ctx, args.items, {
      requests: args.items.length,
      idOf: (_, index) => ({ index }),
      label: (item) => item.title,
      run: (item, index) => createOne(ctx, item, index, earlier),
    });
  },
});
