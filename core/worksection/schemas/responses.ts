// The success envelope of every JSON action: what a client may expect and what the sandbox must send.
import { z } from 'zod';
import type { ActionName } from '../actions.js';
import {
  costsResponseSchema,
  costsTotalResponseSchema,
  myTimerResponseSchema,
  timerSchema,
} from './costs.js';
import {
  contactGroupSchema,
  contactSchema,
  folderSchema,
  meSchema,
  projectGroupSchema,
  userGroupSchema,
  userSchema,
} from './members.js';
import { okData, okEnvelopeSchema as ok, okIdEnvelopeSchema as okId } from './primitives.js';
import { eventSchema, projectSchema, webhookSchema } from './projects.js';
import { newTagSchema, tagGroupSchema, tagSchema } from './tags.js';
import { commentSchema, fileSchema, listTaskSchema, taskDetailSchema, taskSchema } from './tasks.js';

/** Every action except `download`, which answers bytes (or an error envelope). */
export type JsonActionName = Exclude<ActionName, 'download'>;

const list = <T extends z.ZodType>(item: T) => okData(z.array(item));
const folder = okData(folderSchema);

export const ACTION_RESPONSES = {
  // Members
  me: okData(meSchema),
  get_users: list(userSchema),
  add_user: okData(userSchema),
  get_user_groups: list(userGroupSchema),
  add_user_group: okData(userGroupSchema),
  get_contacts: list(contactSchema),
  add_contact: okData(contactSchema),
  get_contact_groups: list(contactGroupSchema),
  add_contact_group: folder,
  subscribe: ok,
  unsubscribe: ok,
  // Projects
  get_projects: list(projectSchema),
  get_project: okData(projectSchema),
  post_project: okData(projectSchema),
  update_project: okData(projectSchema),
  close_project: ok,
  activate_project: ok,
  add_project_members: ok,
  delete_project_members: ok,
  get_project_groups: list(projectGroupSchema),
  add_project_group: folder,
  add_project_groups: folder,
  get_events: list(eventSchema),
  // Tasks
  get_all_tasks: list(listTaskSchema),
  get_tasks: list(listTaskSchema),
  get_task: okData(taskDetailSchema),
  post_task: okData(taskSchema),
  update_task: okData(taskSchema),
  // A snapshot taken before closing: its status still reads "active".
  complete_task: okData(taskSchema),
  reopen_task: ok,
  search_tasks: list(taskSchema),
  // Comments
  get_comments: list(commentSchema),
  post_comment: okData(commentSchema),
  // Tags
  get_task_tags: list(tagSchema),
  add_task_tags: list(newTagSchema),
  update_task_tags: ok,
  get_task_tag_groups: list(tagGroupSchema),
  add_task_tag_groups: list(tagGroupSchema),
  get_project_tags: list(tagSchema),
  add_project_tags: list(newTagSchema),
  update_project_tags: ok,
  get_project_tag_groups: list(tagGroupSchema),
  add_project_tag_groups: list(tagGroupSchema),
  // Costs
  get_costs: costsResponseSchema,
  get_costs_total: costsTotalResponseSchema,
  add_costs: okId,
  update_costs: ok,
  delete_costs: ok,
  // Timers
  get_timers: list(timerSchema),
  stop_timer: ok,
  get_my_timer: myTimerResponseSchema,
  start_my_timer: ok,
  stop_my_timer: ok,
  // Files
  get_files: list(fileSchema),
  // Webhooks
  get_webhooks: list(webhookSchema),
  add_webhook: okId,
  delete_webhook: ok,
} as const satisfies Record<JsonActionName, z.ZodType>;

export type ActionResponse<A extends JsonActionName> = z.infer<(typeof ACTION_RESPONSES)[A]>;
