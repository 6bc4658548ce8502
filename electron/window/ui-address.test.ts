import { describe, expect, it } from 'vitest';
import { loadUi, loggable, type UiHandOver } from './ui-address.js';

const ORIGIN = 'http://127.0.0.1:7341';

function handOver(minted: string[]): UiHandOver & { loaded: string[]; logs: string[] } {
  const loaded: string[] = [];
  const logs: string[] = [];
  return {
    loaded,
    logs,
    mint: () => {
      const next = minted.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('no more codes'));
    },
    load: (url) => {
      loaded.push(url);
      return Promise.resolve();
    },
    log: (line) => logs.push(line),
  };
}

describe('one-time-code hand-over', () => {
  it('loads a freshly minted address each time and never logs the code', async () => {
    const h = handOver([`${ORIGIN}/?code=first-secret`, `${ORIGIN}/?code=second-secret`]);
    await loadUi(h, ORIGIN);
    await loadUi(h, ORIGIN, 'account');
    expect(h.loaded).toEqual([`${ORIGIN}/?code=first-secret`, `${ORIGIN}/?code=second-secret#/account`]);
    expect(h.logs.join('\n')).not.toMatch(/secret|code=/);
    expect(h.logs).toEqual([
      `[info] opening the window at ${ORIGIN}/`,
      `[info] opening the window at ${ORIGIN}/`,
    ]);
  });

  it('refuses an address outside the running server and loads nothing', async () => {
    const h = handOver(['https://elsewhere.example/?code=leak', `http://127.0.0.1:9999/?code=leak`]);
    await expect(loadUi(h, ORIGIN)).rejects.toThrow('outside its own origin');
    await expect(loadUi(h, ORIGIN)).rejects.toThrow('outside its own origin');
    expect(h.loaded).toEqual([]);
    expect(h.logs.join('\n')).not.toContain('leak');
  });

  it('a failed mint loads nothing', async () => {
    const h = handOver([]);
    await expect(loadUi(h, ORIGIN)).rejects.toThrow('no more codes');
    expect(h.loaded).toEqual([]);
  });

  it('loggable keeps origin and path only', () => {
    expect(loggable('http://127.0.0.1:1/ui/?code=x#frag')).toBe('http://127.0.0.1:1/ui/');
    expect(loggable('::')).toBe('(not a URL)');
  });
});
