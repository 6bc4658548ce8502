// A tool as tools/list shows it: JSON Schemas generated from the zod input (as the model writes it) and
// output (as structuredContent is), annotations from the declared effect. Built once per tool and reused by
// the server, the schema snapshots and the README table.
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

function inputJsonSchema(tool: AnyTool): Tool['inputSchema'] {
  return tidy(z.toJSONSchema(tool.input, { io: 'input' })) as Tool['inputSchema'];
}

function outputJsonSchema(tool: AnyTool): Tool['outputSchema'] {
  if (!tool.output) return undefined;
  return tidy(z.toJSONSchema(tool.output, { io: 'output' })) as Tool['outputSchema'];
}

export function toolDescriptor(tool: AnyTool): Tool {
  const descriptor: Tool = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputJsonSchema(tool),
    annotations: annotationsFor(tool),
  };
  const output = outputJsonSchema(tool);
  if (output) descriptor.outputSchema = output;
  return descriptor;
}
