// The rules every tool definition follows (docs/architecture.md). validateTools reports each
// violation as one readable line; the registry test requires none over ALL_TOOLS.
import type { z } from 'zod';
import type { AnyTool } from '../tools/kit/define-tool.js';
import { toolDescriptor } from './descriptor.js';
import { TOOLSET_NAMES } from '../tools/kit/toolsets.js';
import { WRITE_ARG_NAMES, writeArgsFor } from '../tools/kit/write-args.js';

const NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
// Names clients show with a server prefix; 64 keeps "worksection__<name>" within every client's limit.
const MAX_NAME = 64;
const EFFECTS = ['read', 'write', 'destructive'];

// The first word of a name says what the tool does.
const VERBS = new Set([
  'list',
  'get',
  'read',
  'search',
  'find',
  'create',
  'update',
  'set',
  'delete',
  'remove',
  'add',
  'manage',
  'post',
  'log',
  'start',
  'stop',
  'complete',
  'reopen',
  'close',
  'activate',
  'move',
  'assign',
  'download',
  'undo',
  // bulk_<verb>_<noun>: the verb follows.
  'bulk',
]);
// Names that read better noun-first, by design: they answer a question rather than act.
const NOUN_LED = new Set(['project_stats', 'team_workload']);

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

// Wrappers whose description may sit on them or on what they wrap.
function innerOf(schema: z.ZodType): z.ZodType | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return def.innerType as z.ZodType;
    case 'pipe':
      return def.in as z.ZodType;
    default:
      return undefined;
  }
}

function describedAnywhere(schema: z.ZodType): boolean {
  for (let s: z.ZodType | undefined = schema; s; s = innerOf(s)) {
    if (s.description?.trim()) return true;
  }
  return false;
}

/** The innermost schema under wrappers (and array elements), for walking nested objects. */
function core(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let next = innerOf(s); next; next = innerOf(s)) s = next;
  const def = defOf(s);
  return def.type === 'array' ? core(def.element as z.ZodType) : s;
}

// The write arguments repeat on every write tool: the server instructions describe them once.
const EXPLAINED_ONCE = new Set<string>(WRITE_ARG_NAMES);

function undescribedFields(shape: Record<string, z.ZodType>, prefix = ''): string[] {
  const missing: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const path = `${prefix}${key}`;
    if (prefix === '' && EXPLAINED_ONCE.has(key)) continue;
    if (!describedAnywhere(field)) missing.push(path);
    const inner = core(field);
    if (defOf(inner).type === 'object') {
      missing.push(
        ...undescribedFields((inner as z.ZodObject).shape as Record<string, z.ZodType>, `${path}.`),
      );
    }
  }
  return missing;
}

function problemsOf(tool: AnyTool): string[] {
  const p: string[] = [];
  if (!NAME.test(tool.name)) p.push('name is not snake_case');
  if (tool.name.length > MAX_NAME) p.push(`name is longer than ${MAX_NAME} characters`);
  const first = tool.name.split('_')[0] ?? '';
  if (!VERBS.has(first) && !NOUN_LED.has(tool.name)) {
    p.push(`name does not start with a verb (${[...VERBS].slice(0, 6).join(', ')}, …)`);
  }
  if (!EFFECTS.includes(tool.effect)) p.push(`effect must be one of ${EFFECTS.join(', ')}`);
  if (!(TOOLSET_NAMES as string[]).includes(tool.toolset))
    p.push(`toolset "${tool.toolset}" is not one of TOOLSET_NAMES`);
  if (!tool.title?.trim()) p.push('title is missing');
  if ((tool.description?.trim().length ?? 0) < 20) p.push('description is missing or too short');
  if (tool.idempotent !== undefined && tool.effect === 'read') p.push('idempotent is implied for reads');
  if (defOf(tool.input).type !== 'object') {
    p.push('input is not a z.object');
    return p;
  }
  if (tool.effect === 'write' || tool.effect === 'destructive') {
    const missing = Object.keys(writeArgsFor(tool)).filter((name) => !Object.hasOwn(tool.input.shape, name));
    if (missing.length > 0) p.push(`write tool lacks ${missing.join(', ')} (define it with defineTool)`);
  }
  for (const field of undescribedFields(tool.input.shape as Record<string, z.ZodType>)) {
    p.push(`input field \`${field}\` has no description`);
  }
  if (tool.output && defOf(tool.output).type !== 'object') p.push('output is not a z.object');
  try {
    toolDescriptor(tool);
  } catch (err) {
    p.push(`JSON Schema cannot be generated: ${err instanceof Error ? err.message : String(err)}`);
  }
  return p;
}

/** Every rule violation of every tool, as "name: problem" lines; empty when all is well. */
export function validateTools(tools: readonly AnyTool[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) problems.push(`${tool.name}: the name is used by two tools`);
    seen.add(tool.name);
    problems.push(...problemsOf(tool).map((problem) => `${tool.name}: ${problem}`));
  }
  return problems;
}
