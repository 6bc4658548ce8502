import { describe, expect, it } from 'vitest';
import { trayState } from '../testing/tray-state.js';
import { noticeFor } from './notify.js';

describe('tray notifications', () => {
  it('tells once when sign-in becomes needed, not again while it lasts', () => {
    const needed = trayState({
      account: { kind: 'sign_in_needed', reason: 'Worksection refused the renewal.' },
    });
    expect(noticeFor(trayState(), needed)).toEqual({
      title: 'Sign in to Worksection again',
      body: 'Worksection refused the renewal. Assistants get "sign-in needed" until you sign in.',
    });
    expect(noticeFor(needed, { ...needed })).toBeUndefined();
  });

  it('tells when the port is taken, naming it', () => {
    const taken = trayState({ server: { kind: 'port_taken', port: 7341 } });
    expect(noticeFor(trayState({ server: { kind: 'starting' } }), taken)?.body).toMatch(/^Port 7341 is used/);
    expect(noticeFor(taken, taken)).toBeUndefined();
    // At launch there is no "before": a taken port is still news.
    expect(noticeFor(undefined, taken)?.title).toBe('Worksection MCP could not start');
  });

  it('says nothing for ordinary changes', () => {
    expect(noticeFor(trayState(), trayState({ server: { kind: 'stopped' } }))).toBeUndefined();
    expect(noticeFor(trayState({ server: { kind: 'starting' } }), trayState())).toBeUndefined();
  });

  it('tells once when an update is ready to install', () => {
    const ready = trayState({ update: { kind: 'ready', version: '1.2.0' } });
    expect(noticeFor(trayState(), ready)?.title).toBe('Worksection MCP 1.2.0 is ready');
    expect(noticeFor(ready, ready)).toBeUndefined();
  });
});
