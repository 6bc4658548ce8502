// docs/tool-mapping.md maps every tool of pbv7/worksection-mcp to ours (issue 3: every capability of that
// server is reachable). This keeps the page true: each of its tools listed once, each of ours named exists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../inventory/registry.js';

const DOC = join(import.meta.dirname, '../../../docs/tool-mapping.md');

// pbv7 v0.6.1's tools: 48 API tools, then its 2 offload helpers.
const PBV7_TOOLS = [
  ...['get_projects', 'get_project', 'get_project_groups', 'get_project_team'],
  ...['get_all_tasks', 'get_tasks', 'get_task', 'search_tasks', 'get_task_subtasks', 'get_task_relations'],
  'get_task_subscribers',
  ...['get_comments', 'get_task_discussion'],
  ...['get_project_files', 'get_task_files', 'get_all_task_attachments', 'download_file'],
  ...['get_file_as_base64', 'get_file_content', 'list_image_attachments'],
  ...['get_timers', 'get_my_timer', 'get_costs', 'get_costs_total', 'get_user_workload'],
  'get_project_time_report',
  ...['get_users', 'get_user', 'get_current_user', 'get_user_groups', 'get_contacts', 'get_contact_groups'],
  'get_user_assignments',
  ...['get_task_tags', 'get_task_tag_groups', 'get_project_tags', 'get_project_tag_groups'],
  ...['get_task_with_tags', 'search_tasks_by_tag'],
  ...['get_project_stats', 'get_overdue_tasks', 'get_tasks_by_status', 'get_tasks_by_priority'],
  'get_team_workload_summary',
  ...['get_activity_log', 'get_user_activity', 'health_check', 'get_webhooks'],
];
const OFFLOAD_HELPERS = ['get_offloaded_response_info', 'read_offloaded_response_text'];

interface Row {
  theirs: string;
  ours: string[];
}

function parseRows(markdown: string): Row[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const theirs = /^`([a-z0-9_]+)`$/.exec(cells[1] ?? '')?.[1] ?? `unparsable: ${line}`;
      const ours = [...(cells[2] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
      return { theirs, ours };
    });
}

describe('docs/tool-mapping.md', () => {
  const rows = parseRows(readFileSync(DOC, 'utf8'));

  it('lists each of the 48 pbv7 tools and its 2 offload helpers exactly once', () => {
    expect(PBV7_TOOLS).toHaveLength(48);
    expect(rows.map((r) => r.theirs).sort()).toEqual([...PBV7_TOOLS, ...OFFLOAD_HELPERS].sort());
  });

  it('maps every pbv7 API tool to tools that exist here', () => {
    const ours = new Set(ALL_TOOLS.map((t) => t.name));
    const missing = rows
      .filter((r) => PBV7_TOOLS.includes(r.theirs))
      .flatMap((r) => (r.ours.length ? r.ours : ['(nothing)']).map((name) => `${r.theirs} → ${name}`))
      .filter((pair) => !ours.has(pair.split(' → ')[1] ?? ''));
    expect(missing).toEqual([]);
  });

  it('maps the offload helpers to nothing (paging replaces them)', () => {
    expect(rows.filter((r) => OFFLOAD_HELPERS.includes(r.theirs)).map((r) => r.ours)).toEqual([[], []]);
  });
});
