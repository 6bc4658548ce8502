// A task as the mirror's store keeps it, for tests that put tasks into the store by hand.
import type { TaskRow } from '../rows.js';

export function taskRowOf(id: number, project: number, name: string, hasComments = 0): TaskRow {
  return {
    id,
    project_id: project,
    parent_id: null,
    name,
    text: null,
    status: 'active',
    priority: '1',
    assignee_email: 'ann@example.test',
    assignee_name: 'Ann Lee',
    author_email: 'ann@example.test',
    date_added: '2026-03-01 10:00',
    date_start: null,
    date_end: null,
    date_closed: null,
    page: `/project/${project}/${id}/`,
    tags: null,
    has_comments: hasComments,
    activity_at: 0,
  };
}
