// worksection://task/{id}/context: one Markdown document with everything needed to understand a task:
// its details, description, subtasks, the complete discussion (get_comments; get_task alone has only
// the five newest comments) oldest first, and a resource link for every attachment. A discussion too long
// for the budget keeps its newest comments and says how many older ones were left out.
import type { Comment, FileRef, TaskDetail } from '../../worksection/schemas.js';
import { fromWsDateTime } from '../tools/kit/dates.js';
import { fileUri, humanSize } from '../tools/shapes/file.js';
import { taskSummaryOf } from '../tools/shapes/task.js';
import type { ToolContext } from '../tools/kit/context.js';

const fileLine = (f: FileRef): string => `- ${f.name} (${humanSize(Number(f.size))}): ${fileUri(f.id)}`;

function header(t: TaskDetail, today: string): string {
  const s = taskSummaryOf(t, { today });
  const who = (p: { name: string; email: string } | null, none: string) =>
    p ? `${p.name} <${p.email}>` : none;
  const lines = [
    `# Task ${s.id}: ${s.name}`,
    '',
    `- Project: ${s.project.name} (id ${s.project.id})`,
    `- Status: ${s.status === 'active' ? 'open' : 'done'}${s.overdue ? ' (overdue)' : ''}; priority ${s.priority}`,
    `- Assignee: ${s.assigned_to_anyone ? 'anyone' : who(s.assignee, 'nobody')}; author: ${who(s.author, 'unknown')}`,
    `- Created: ${s.created_at}`,
  ];
  if (s.start_date) lines.push(`- Start: ${s.start_date}`);
  if (s.due_date) lines.push(`- Due: ${s.due_date}${s.due_time ? ` ${s.due_time}` : ''}`);
  if (s.closed_at) lines.push(`- Completed: ${s.closed_at}`);
  if (s.tags.length > 0) lines.push(`- Tags: ${s.tags.join(', ')}`);
  if (t.parent) lines.push(`- Parent task: ${t.parent.name} (id ${t.parent.id})`);
  return lines.join('\n');
}

function subtasks(t: TaskDetail): string[] {
  const out: string[] = [];
  for (const c of t.child ?? []) {
    out.push(`- [${c.status === 'done' ? 'x' : ' '}] ${c.name} (id ${c.id})`);
    for (const g of c.child ?? [])
      out.push(`  - [${g.status === 'done' ? 'x' : ' '}] ${g.name} (id ${g.id})`);
  }
  return out;
}

function commentBlock(c: Comment): string {
  const files = (c.files ?? []).map(fileLine);
  return [
    `### ${fromWsDateTime(c.date_added)}, ${c.user_from.name} <${c.user_from.email}> (comment ${c.id})`,
    c.text.trim(),
    ...(files.length > 0 ? ['', 'Attachments:', ...files] : []),
  ].join('\n');
}

export async function taskContextMarkdown(ctx: ToolContext, taskId: string): Promise<string> {
  const [task, comments] = await Promise.all([
    ctx.ws.call('get_task', { id_task: taskId, extra: 'text,files,subtasks' }),
    ctx.ws.call('get_comments', { id_task: taskId, extra: 'files' }),
  ]);
  const t = task.data;
  const parts = [header(t, ctx.today())];
  parts.push('## Description', t.text?.trim() || '(no description)');
  const subs = subtasks(t);
  if (subs.length > 0) parts.push('## Subtasks', subs.join('\n'));
  if (t.files?.length) parts.push('## Attachments of the task', t.files.map(fileLine).join('\n'));

  // Worksection lists comments newest first; a discussion reads oldest first.
  const all = [...comments.data].reverse().map(commentBlock);
  const budget = ctx.limits.budgetTokens * 4 - parts.join('\n\n').length - 500;
  let kept = all;
  while (kept.length > 0 && kept.join('\n\n').length > budget)
    kept = kept.slice(Math.max(1, Math.ceil(kept.length / 10)));
  const left = all.length - kept.length;
  parts.push(`## Discussion (${all.length} comment${all.length === 1 ? '' : 's'}, oldest first)`);
  if (left > 0) {
    parts.push(
      `(${left} older comment${left === 1 ? '' : 's'} left out to fit the size budget; list_comments pages through all of them.)`,
    );
  }
  parts.push(kept.length > 0 ? kept.join('\n\n') : all.length === 0 ? '(no comments)' : '');
  return parts.filter((p) => p !== '').join('\n\n') + '\n';
}
