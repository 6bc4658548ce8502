// The catalogue of Worksection API actions: one row per action, the single place that says which OAuth
// scope an action needs, whether it reads or writes, and which token kinds may call it. The client, the
// sandbox and (later) the MCP tools all read it.
//
// Worksection publishes the 17 scopes but no scope→action mapping; the
// mapping below follows the scope names and the section each action sits in in the Postman collection.

export const SCOPES = [
  'projects_read',
  'projects_write',
  'tasks_read',
  'tasks_write',
  'costs_read',
  'costs_write',
  'tags_read',
  'tags_write',
  'comments_read',
  'comments_write',
  'files_read',
  'files_write',
  'users_read',
  'users_write',
  'contacts_read',
  'contacts_write',
  'administrative',
] as const;
export type Scope = (typeof SCOPES)[number];

export const READ_SCOPES: readonly Scope[] = SCOPES.filter((s) => s.endsWith('_read'));

export interface ActionSpec {
  scope: Scope;
  effect: 'read' | 'write';
  /** "User method (only for access token)" in Worksection's docs. */
  userTokenOnly?: true;
  /** The official SDK calls these admin-only. */
  adminTokenOnly?: true;
  /** Answers raw bytes instead of a JSON envelope. */
  binary?: true;
}

const r = (scope: Scope, extra: Partial<ActionSpec> = {}): ActionSpec => ({
  scope,
  effect: 'read',
  ...extra,
});
const w = (scope: Scope, extra: Partial<ActionSpec> = {}): ActionSpec => ({
  scope,
  effect: 'write',
  ...extra,
});

export const ACTIONS = {
  // Members
  me: r('users_read', { userTokenOnly: true }),
  get_users: r('users_read'),
  add_user: w('users_write'),
  get_user_groups: r('users_read'),
  add_user_group: w('users_write'),
  get_contacts: r('contacts_read'),
  add_contact: w('contacts_write'),
  get_contact_groups: r('contacts_read'),
  add_contact_group: w('contacts_write'),
  subscribe: w('tasks_write'),
  unsubscribe: w('tasks_write'),
  // Projects
  get_projects: r('projects_read'),
  get_project: r('projects_read'),
  post_project: w('projects_write'),
  update_project: w('projects_write'),
  close_project: w('projects_write'),
  activate_project: w('projects_write'),
  add_project_members: w('projects_write'),
  delete_project_members: w('projects_write'),
  get_project_groups: r('projects_read'),
  // The Postman request is named add_project_groups, its example and the SDK say add_project_group.
  add_project_group: w('projects_write'),
  add_project_groups: w('projects_write'),
  get_events: r('projects_read'),
  // Tasks
  get_all_tasks: r('tasks_read'),
  get_tasks: r('tasks_read'),
  get_task: r('tasks_read'),
  post_task: w('tasks_write'),
  update_task: w('tasks_write'),
  complete_task: w('tasks_write'),
  reopen_task: w('tasks_write'),
  search_tasks: r('tasks_read'),
  // Comments
  get_comments: r('comments_read'),
  post_comment: w('comments_write'),
  // Tags
  get_task_tags: r('tags_read'),
  add_task_tags: w('tags_write'),
  update_task_tags: w('tags_write'),
  get_task_tag_groups: r('tags_read'),
  add_task_tag_groups: w('tags_write'),
  get_project_tags: r('tags_read'),
  add_project_tags: w('tags_write'),
  update_project_tags: w('tags_write'),
  get_project_tag_groups: r('tags_read'),
  add_project_tag_groups: w('tags_write'),
  // Costs
  get_costs: r('costs_read'),
  get_costs_total: r('costs_read'),
  add_costs: w('costs_write'),
  update_costs: w('costs_write'),
  delete_costs: w('costs_write'),
  // Timers
  get_timers: r('costs_read', { adminTokenOnly: true }),
  stop_timer: w('costs_write', { adminTokenOnly: true }),
  get_my_timer: r('costs_read', { userTokenOnly: true }),
  start_my_timer: w('costs_write', { userTokenOnly: true }),
  stop_my_timer: w('costs_write', { userTokenOnly: true }),
  // Files
  get_files: r('files_read'),
  download: r('files_read', { binary: true }),
  // Webhooks
  get_webhooks: r('administrative'),
  add_webhook: w('administrative'),
  delete_webhook: w('administrative'),
} as const satisfies Record<string, ActionSpec>;

export type ActionName = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}
