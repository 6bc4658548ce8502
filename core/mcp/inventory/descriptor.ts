// A tool as tools/list shows it: JSON Schemas generated from the zod input (as the model writes it) and
// output (as structuredContent is), annotations from the declared effect. Built once per tool and reused by
// the server, the schema snapshots and the README table. A model reads tools/list before it does anything,
// in every conversation, so what is published is lean (docs/decisions.md, "What the model reads"): input
// schemas keep every description; output schemas keep the answer's own fields with their types, enums and
// required list, without prose (the zod output keeps the descriptions, for developers).
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { annotationsFor, type AnyTool } from '../tools/kit/define-tool.js';

type Json = Record<string, unknown>;

// zod writes ±MAX_SAFE_INTEGER bounds on every int and a $schema key on the root: noise the model pays
// tokens for and some clients choke on ($schema). 2020-12 is the spec's default dialect anyway.
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$schema') continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    out[key] = tidy(value);
  }
  return out;
}

// idArg's union (a numeric string or a non-negative integer) as zod writes it, published as a string: what
// Worksection's ids are and what a model should send (a number is still taken, and a non-numeric id fails
// zod with a message naming the argument). One type, not a type list, also suits the clients that hand
// tools to models whose function schemas allow one type per field.
const ID_UNION = JSON.stringify([
  { type: 'string', pattern: '^\\d+$' },
  { type: 'integer', minimum: 0 },
]);

// Ids as strings, and no minLength 1 on strings: an empty string fails zod with a message the
// model can act on, so the schema need not say so on every argument. minItems 0 is the default.
function leanInput(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(leanInput);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if ((key === 'minLength' && value === 1) || (key === 'minItems' && value === 0)) continue;
    if (key === 'anyOf' && JSON.stringify(value) === ID_UNION) out.type = 'string';
    else out[key] = leanInput(value);
  }
  return out;
}

/** The input schema with every argument's description (the OpenAPI document, whose readers get no instructions). */
export function inputJsonSchema(tool: AnyTool): Tool['inputSchema'] {
  return leanInput(tidy(z.toJSONSchema(tool.input, { io: 'input' }))) as Tool['inputSchema'];
}

/**
 * Arguments many tools share, whose rules the server instructions state once (paging, freshness): tools/list
 * names them without repeating a description per tool.
 */
const SAID_IN_INSTRUCTIONS = new Set(['limit', 'cursor', 'fresh']);

/** "The task." on task_id, "New due date." on due_date: a description that only says the argument's name. */
function repeatsName(name: string, description: unknown): boolean {
  if (typeof description !== 'string') return false;
  const said = description
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^(the|new) /, '');
  const named = name.replace(/_/g, ' ');
  return said === named || said === named.replace(/ id$/, '');
}

// tools/list leaves out the descriptions that tell a model nothing the name and the instructions do not;
// the zod schemas keep them (the registry's rules, the OpenAPI document).
function publishedInputSchema(tool: AnyTool): Tool['inputSchema'] {
  const schema = inputJsonSchema(tool);
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, prop]) => {
      if (prop === null || typeof prop !== 'object') return [name, prop];
      const { description, ...rest } = prop as Json;
      // Paging and freshness: the type is all (their bounds and defaults are in the instructions too).
      if (SAID_IN_INSTRUCTIONS.has(name)) return [name, { type: rest.type }];
      return [
        name,
        repeatsName(name, description) || description === undefined ? rest : { ...rest, description },
      ];
    }),
  );
  return { ...schema, properties };
}

/** Levels of nested objects an output schema keeps in tools/list below the answer's own fields. */
const OUTPUT_DEPTH = 0;

// Structure without prose; below `depth` levels an object or array is just that, which a client still
// validates the type of.
function structure(node: unknown, depth: number): unknown {
  if (Array.isArray(node)) return node.map((n) => structure(n, depth));
  if (node === null || typeof node !== 'object') return node;
  const schema = node as Json;
  if (depth < 0 && (schema.type === 'object' || schema.type === 'array')) return { type: schema.type };
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || (key === 'additionalProperties' && value === false)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Json).map(([name, v]) => [name, structure(v, depth - 1)]),
      );
    } else out[key] = structure(value, depth);
  }
  return out;
}

/** The output schema as tools/list publishes it (see the top of this file). */
function publishedOutputSchema(tool: AnyTool): Tool['outputSchema'] {
  const full = outputJsonSchema(tool);
  return full && (structure(full, OUTPUT_DEPTH) as Tool['outputSchema']);
}

/** The whole output schema, with every nested field (the OpenAPI document publishes this one). */
export function outputJsonSchema(tool: AnyTool): Tool['outputSchema'] {
  if (!tool.output) return undefined;
  return tidy(z.toJSONSchema(tool.output, { io: 'output' })) as Tool['outputSchema'];
}

/**
 * Claude Code saves a text result past about 50,000 characters to a file the model must open; a tool that
 * legitimately answers up to the token budget (25,000 tokens, about 100,000 characters, by default) says
 * so. Lists (they take `limit`) and file contents (media answers) can; other answers stay small.
 */
const LARGE_RESULT_CHARS = 100_000;

function answersLarge(tool: AnyTool): boolean {
  return Object.hasOwn(tool.input.shape, 'limit') || tool.output === undefined;
}

export function toolDescriptor(tool: AnyTool): Tool {
  const descriptor: Tool = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: publishedInputSchema(tool),
    annotations: annotationsFor(tool),
  };
  const output = publishedOutputSchema(tool);
  if (output) descriptor.outputSchema = output;
  if (answersLarge(tool)) descriptor._meta = { 'anthropic/maxResultSizeChars': LARGE_RESULT_CHARS };
  return descriptor;
}
