// The toolsets tools are grouped in. Users switch whole toolsets off (and single tools) in the UI or the
// config; the descriptions are shown there and in the generated README table.

export const TOOLSETS = {
  projects: 'Projects, their folders, members and status.',
  tasks: 'Tasks and subtasks: find, read, create, update, complete, subscribe.',
  comments: 'Task discussions: read and post comments.',
  files: 'Attachments: list them and read their content (images, text, PDF, DOCX, XLSX).',
  time: 'Time and money logged (costs), time reports and timers.',
  people: 'Users, groups and contacts; who "me" is.',
  tags: 'Task and project tags (statuses and labels) and their groups.',
  activity: 'The account activity log (events).',
  analytics: 'Derived answers: project statistics, overdue tasks, team workload.',
  system: 'Health of the connection to Worksection, webhooks, the change journal and undo.',
} as const;

export type ToolsetName = keyof typeof TOOLSETS;
export const TOOLSET_NAMES = Object.keys(TOOLSETS) as ToolsetName[];
