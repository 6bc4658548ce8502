// The tasks toolset: find, read, create, update, complete or reopen tasks, and manage subscribers.
import type { AnyTool } from '../define-tool.js';
import { getTask } from './tasks-get.js';
import { listTasks } from './tasks-list.js';
import { manageTaskSubscribers, setTaskStatus } from './tasks-status.js';
import { createTask, updateTask } from './tasks-write.js';

export const tasksTools: AnyTool[] = [
  listTasks,
  getTask,
  createTask,
  updateTask,
  setTaskStatus,
  manageTaskSubscribers,
];
