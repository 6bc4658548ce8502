// The notifications the tray raises: only on a change into a state the user must act on (sign-in needed,
// the port taken, a failed start, an update ready), never again while the state lasts.
import type { TrayState } from './state.js';

export interface TrayNotice {
  title: string;
  body: string;
}

function problem(state: Pick<TrayState, 'server' | 'account'>): string | undefined {
  if (state.server.kind === 'port_taken') return `port:${state.server.port}`;
  if (state.server.kind === 'failed') return `failed:${state.server.message}`;
  if (state.account.kind === 'sign_in_needed') return 'sign-in';
  return undefined;
}

export function noticeFor(
  before: Pick<TrayState, 'server' | 'account' | 'update'> | undefined,
  after: Pick<TrayState, 'server' | 'account' | 'update'>,
): TrayNotice | undefined {
  const now = problem(after);
  if (now !== undefined && now !== (before && problem(before))) {
    if (after.server.kind === 'port_taken')
      return {
        title: 'Worksection MCP could not start',
        body: `Port ${after.server.port} is used by another program. Quit that program, or set another "port" in Worksection MCP's config.json, then choose Start server.`,
      };
    if (after.server.kind === 'failed')
      return { title: 'Worksection MCP could not start', body: after.server.message };
    return {
      title: 'Sign in to Worksection again',
      body:
        after.account.kind === 'sign_in_needed'
          ? `${after.account.reason} Assistants get "sign-in needed" until you sign in.`
          : 'Assistants get "sign-in needed" until you sign in.',
    };
  }
  if (after.update.kind === 'ready' && before?.update.kind !== 'ready')
    return {
      title: `Worksection MCP ${after.update.version} is ready`,
      body: 'Choose "Restart to install" in the tray menu when it suits you.',
    };
  return undefined;
}
