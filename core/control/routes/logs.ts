// The call log: pages newest first, the filter's choices, and exports of the filtered rows as a download.
import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { logExportQuerySchema, logPageQuerySchema } from '../../../shared/api/logs.js';
import type { ControlServices } from '../services.js';
import { json, readQuery } from '../request.js';

const TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' } as const;

export function registerLogs(api: Hono, s: ControlServices): void {
  api.get('/logs', (c) => json(s.calls.page(readQuery(c, logPageQuerySchema))));
  api.get('/logs/facets', () => json(s.calls.facets()));

  api.get('/logs/export', (c) => {
    const { format, ...filter } = readQuery(c, logExportQuerySchema);
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    c.header('content-type', TYPES[format]);
    c.header('content-disposition', `attachment; filename="wsmcp-calls-${stamp}.${format}"`);
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      for await (const chunk of s.calls.export(format, filter)) {
        if (out.aborted) return;
        await out.write(chunk);
      }
    });
  });
}
