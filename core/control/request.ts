// Reading a request through its schema: a body or query that does not match is a 400 naming the first
// problem, in the schema's own words.
import type { Context } from 'hono';
import type { z } from 'zod';
import { firstIssue } from '../../shared/api/errors.js';
import { ControlError } from './errors.js';

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ControlError('bad_request', firstIssue(result.error));
  return result.data;
}

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new ControlError('bad_request', 'The body must be JSON.');
  }
  return parseWith(schema, value);
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}

/** A JSON answer nobody caches: every figure here is live. */
export function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
