// Every Worksection action's business logic over SandboxData, one
// module per section of the API. Handlers throw WsFail for business errors; the wrapper here turns it
// into Worksection's HTTP 200 error envelope, so any other exception is a genuine bug.
import type { ActionName } from '../../worksection/actions.js';
import { ACTION_NAMES } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler, ActionHandlers, ActionResult } from '../handler.js';
import { commentHandlers } from './comments.js';
import { costHandlers } from './costs.js';
import { WsFail } from './errors.js';
import { eventHandlers } from './events.js';
import { fileHandlers } from './files.js';
import { memberHandlers } from './members.js';
import { projectHandlers } from './projects.js';
import { tagHandlers } from './tags.js';
import { taskWriteHandlers } from './task-writes.js';
import { taskReadHandlers } from './tasks.js';
import { timerHandlers } from './timers.js';
import { webhookHandlers } from './webhooks.js';

const sections: Array<Partial<Record<ActionName, ActionHandler>>> = [
  memberHandlers,
  projectHandlers,
  eventHandlers,
  taskReadHandlers,
  taskWriteHandlers,
  commentHandlers,
  tagHandlers,
  costHandlers,
  timerHandlers,
  fileHandlers,
  webhookHandlers,
];

function caught(e: unknown): ActionResult {
  if (e instanceof WsFail) return e.result;
  throw e;
}

function wrap(handler: ActionHandler): ActionHandler {
  return (ctx: ActionContext) => {
    try {
      const result = handler(ctx);
      return result instanceof Promise ? result.catch(caught) : result;
    } catch (e) {
      return caught(e);
    }
  };
}

function assemble(): ActionHandlers {
  const merged: Partial<Record<ActionName, ActionHandler>> = Object.assign({}, ...sections);
  const missing = ACTION_NAMES.filter((name) => !merged[name]);
  if (missing.length > 0) throw new Error(`sandbox actions without a handler: ${missing.join(', ')}`);
  return Object.fromEntries(ACTION_NAMES.map((name) => [name, wrap(merged[name]!)])) as ActionHandlers;
}

export const handlers: ActionHandlers = assemble();
