// The session check, the Overview (server, account, live figures, what needs attention) and the MCP
// endpoint's start/stop.
import type { Hono } from 'hono';
import { serverChangeSchema, type Attention, type Overview } from '../../../shared/api/server.js';
import type { ControlServices } from '../services.js';
import { json, readBody } from '../request.js';

function attention(s: ControlServices): Attention[] {
  const out: Attention[] = [];
  const account = s.account.view();
  if (account.state === 'sign_in_needed') {
    out.push({
      kind: 'sign_in',
      message: `Sign-in needed: ${account.reason ?? 'sign in again'}`,
      action: 'sign_in',
    });
  } else if (account.state === 'signed_out') {
    out.push({
      kind: 'sign_in',
      message: 'Not signed in to Worksection: tools answer "sign-in needed".',
      action: 'sign_in',
    });
  }
  if (!s.server.state().running) {
    out.push({
      kind: 'server_stopped',
      message: 'The MCP server is stopped: clients get 503.',
      action: 'start_server',
    });
  }
  const tools = s.tools.view();
  if (tools.warning) out.push({ kind: 'too_many_tools', message: tools.warning, action: 'open_tools' });
  if (s.settings.view().settings.some((v) => v.restartNeeded)) {
    out.push({
      kind: 'restart_needed',
      message: 'Saved settings apply after a restart of the app.',
      action: 'open_settings',
    });
  }
  return [...out, ...(s.notices?.() ?? [])];
}

export function registerOverview(api: Hono, s: ControlServices): void {
  api.get('/session', () => json(s.info));

  api.get('/overview', () => {
    const overview: Overview = {
      server: s.server.state(),
      account: s.account.view(),
      stats: s.stats.live(),
      attention: attention(s),
    };
    return json(overview);
  });

  api.get('/server', () => json(s.server.state()));

  api.put('/server', async (c) => {
    const { running } = await readBody(c, serverChangeSchema);
    return json(await s.server.setRunning(running));
  });
}
