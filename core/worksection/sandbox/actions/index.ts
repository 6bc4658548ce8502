// PLACEHOLDER until the action handlers land: every action answers a business error.
import { ACTION_NAMES } from '../../actions.js';
import type { ActionHandlers } from '../handler.js';
import { wsError } from '../handler.js';

export const handlers = Object.fromEntries(
  ACTION_NAMES.map((name) => [name, () => wsError(1, `Action ${name} is not implemented yet`)]),
) as unknown as ActionHandlers;
