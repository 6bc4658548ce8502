// Creating an empty account and inserting records while keeping SandboxData's indexes true. The data
// generator and the write actions both insert through here, so an index can never go stale.
import type { CommentRec, CostRec, FileRec, Id, ProjectRec, SandboxData, TaskRec, UserRec } from './model.js';

export function createEmptyData(accountUrl: string): SandboxData {
  return {
    accountUrl: accountUrl.replace(/\/+$/, ''),
    ownerId: 0,
    users: new Map(),
    groups: new Map(),
    folders: new Map(),
    contacts: new Map(),
    contactGroups: new Map(),
    projects: new Map(),
    tasks: new Map(),
    relations: [],
    comments: new Map(),
    files: new Map(),
    costs: new Map(),
    timers: new Map(),
    tagGroups: new Map(),
    tags: new Map(),
    events: [],
    webhooks: new Map(),
    index: {
      tasksByProject: new Map(),
      childrenByTask: new Map(),
      commentsByTask: new Map(),
      costsByTask: new Map(),
      userByEmail: new Map(),
    },
    // Small ids are reserved for the placeholder users (0, 1, 2) and Worksection's preset groups.
    nextId: 1000,
  };
}

export function allocateId(data: SandboxData): Id {
  return data.nextId++;
}

function push<K>(map: Map<K, Id[]>, key: K, id: Id): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

export function insertUser(data: SandboxData, user: UserRec): UserRec {
  data.users.set(user.id, user);
  data.index.userByEmail.set(user.email.toLowerCase(), user.id);
  return user;
}

export function insertProject(data: SandboxData, project: ProjectRec): ProjectRec {
  data.projects.set(project.id, project);
  if (!data.index.tasksByProject.has(project.id)) data.index.tasksByProject.set(project.id, []);
  return project;
}

export function insertTask(data: SandboxData, task: TaskRec): TaskRec {
  data.tasks.set(task.id, task);
  if (task.parentId === undefined) push(data.index.tasksByProject, task.projectId, task.id);
  else push(data.index.childrenByTask, task.parentId, task.id);
  return task;
}

export function insertComment(data: SandboxData, comment: CommentRec): CommentRec {
  data.comments.set(comment.id, comment);
  push(data.index.commentsByTask, comment.taskId, comment.id);
  return comment;
}

export function insertCost(data: SandboxData, cost: CostRec): CostRec {
  data.costs.set(cost.id, cost);
  push(data.index.costsByTask, cost.taskId, cost.id);
  return cost;
}

export function deleteCost(data: SandboxData, id: Id): boolean {
  const cost = data.costs.get(id);
  if (!cost) return false;
  data.costs.delete(id);
  const list = data.index.costsByTask.get(cost.taskId);
  if (list) list.splice(list.indexOf(id), 1);
  return true;
}

export function insertFile(data: SandboxData, file: FileRec): FileRec {
  data.files.set(file.id, file);
  return file;
}

export function userByEmail(data: SandboxData, email: string): UserRec | undefined {
  const id = data.index.userByEmail.get(email.trim().toLowerCase());
  return id === undefined ? undefined : data.users.get(id);
}
