// Test support: a demo app served in-process on 127.0.0.1, and a client of its control API that can send
// exactly the headers a browser (or an attacker's page) would.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppEndpoints } from '../../app/app.js';
import { loadConfig } from '../../config.js';
import { CSRF_HEADER, CSRF_VALUE } from '../../../shared/api/protocol.js';

export interface ServedApp {
  app: App;
  endpoints: AppEndpoints;
  origin: string;
  dataDir: string;
  /** Stands in for the home folder where MCP clients keep their configs (WSMCP_CLIENTS_HOME). */
  clientsHome: string;
  logs: string[];
  stop(): Promise<void>;
}

export async function serveDemo(): Promise<ServedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-control-'));
  const logs: string[] = [];
  const clientsHome = join(dataDir, 'home');
  const config = loadConfig({
    flags: { demo: true, port: '0', dataDir },
    env: { WSMCP_TIME_ZONE: 'UTC', WSMCP_CLIENTS_HOME: clientsHome },
  });
  const app = createApp(config, { log: (line) => logs.push(line) });
  const endpoints = await app.start();
  return {
    app,
    endpoints,
    origin: new URL(endpoints.mcpUrl).origin,
    dataDir,
    clientsHome,
    logs,
    async stop() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Exchanges a one-time address for the session cookie ("name=value"), as a browser would. */
export async function sessionCookie(uiUrl: string): Promise<string> {
  const res = await fetch(uiUrl, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`opening ${uiUrl} answered ${res.status}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (for malformed JSON). */
  raw?: string;
  cookie?: string;
  csrf?: boolean;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One control API request; the CSRF header is sent on changes unless `csrf: false`. */
export async function call(
  origin: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (method !== 'GET' && opts.csrf !== false) headers[CSRF_HEADER] = CSRF_VALUE;
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${origin}/api${path}`, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the assertion to show.
  }
  return { status: res.status, body, headers: res.headers };
}

export interface EventReader {
  /** The next event of that name (skipping others), within `ms`. */
  next(name: string, ms?: number): Promise<unknown>;
  close(): void;
}

/** Reads /api/events as a browser's EventSource would. */
export async function readEvents(origin: string, cookie: string): Promise<EventReader> {
  const abort = new AbortController();
  const res = await fetch(`${origin}/api/events`, { headers: { cookie }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: { event: string; data: unknown }[] = [];
  const pull = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error('the event stream ended');
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined) queue.push({ event, data: JSON.parse(data) });
    }
  };
  return {
    async next(name, ms = 5_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const i = queue.findIndex((e) => e.event === name);
        if (i >= 0) return queue.splice(i, 1)[0]?.data;
        if (Date.now() > deadline) throw new Error(`no "${name}" event within ${ms} ms`);
        await Promise.race([pull(), new Promise((r) => setTimeout(r, deadline - Date.now()))]);
      }
    },
    close: () => abort.abort(),
  };
}

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
export function getWithHost(origin: string, path: string, host: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/api${path}`, { headers: { host, cookie } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}
