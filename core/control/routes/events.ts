// GET /api/events: the live stream (server-sent events), one named event per change; a comment every
// 15 s keeps proxies and idle sockets from closing it. Ends when the page goes away or the app stops.
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Hub } from '../hub.js';

const KEEPALIVE_MS = 15_000;

export function registerEvents(api: Hono, hub: Hub): void {
  api.get('/events', (c) => {
    c.header('cache-control', 'no-store');
    return streamSSE(c, async (sse) => {
      let queue = Promise.resolve();
      const off = hub.subscribe((name, data) => {
        // Writes are chained so events keep their order.
        queue = queue
          .then(() => sse.writeSSE({ event: name, data: JSON.stringify(data) }))
          .catch(() => undefined);
      });
      const keepalive = setInterval(() => {
        queue = queue
          .then(() => sse.write(': keepalive\n\n'))
          .then(
            () => undefined,
            () => undefined,
          );
      }, KEEPALIVE_MS);
      try {
        await sse.writeSSE({ event: 'hello', data: '{}' });
        await new Promise<void>((resolve) => sse.onAbort(resolve));
      } finally {
        clearInterval(keepalive);
        off();
      }
    });
  });
}
