// The tasks toolset: find, read, create, update, complete or reopen tasks, and manage subscribers.
import type { AnyTool } from '../kit/define-tool.js';
import { search } from '../search.js';
import { getTask } from './get.js';
import { listTasks } from './list.js';
import { manageTaskSubscribers, setTaskStatus } from './status.js';
import { createTask, updateTask } from './write.js';
import { bulkUpdateTasks } from './bulk.js';
import { bulkCreateTasks } from './bulk-create.js';

export const tasksTools: AnyTool[] = [
  search,
  listTasks,
  getTask,
  createTask,
  updateTask,
  bulkCreateTasks,
  bulkUpdateTasks,
  setTaskStatus,
  manageTaskSubscribers,
];
