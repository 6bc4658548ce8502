// The OpenAPI 3.1 document of the tools a caller may use now: one POST /tools/<name> operation per tool,
// generated from the same tool definitions (and JSON Schemas) as tools/list, so REST and MCP clients can
// never be told different things. JSON Schema 2020-12 is OpenAPI 3.1's own dialect: the schemas go in as
// they are, except that `$defs` move to components (a `#/$defs/…` ref would resolve against the document).
import { inputJsonSchema, outputJsonSchema } from '../../inventory/descriptor.js';
import type { AnyTool } from '../../tools/kit/define-tool.js';
import { ERROR_RESPONSES } from './answers.js';

type Json = Record<string, unknown>;

/** mcpo's config-file shape is /<server>/<tool>; ours is that with the server named "tools". */
const TOOL_PATH_PREFIX = '/tools/';
const toolPath = (name: string): string => `${TOOL_PATH_PREFIX}${name}`;

export interface OpenApiDocumentOptions {
  /** Where the operations are served: http://127.0.0.1:PORT as the caller reached us. */
  serverUrl: string;
}

/** The version of this HTTP contract (paths, bodies, error shape), not of the app or of a tool. */
const OPENAPI_CONTRACT_VERSION = '1.0.0';

const EFFECT_NOTE = {
  read: 'Reads only; changes nothing in Worksection.',
  write: 'Changes data in Worksection (seen by other people in the account).',
  destructive: 'Deletes or irreversibly changes data in Worksection.',
} as const;

// A media answer (read_file: images, extracted text) is MCP content blocks; REST sends them as they are.
const MEDIA_SCHEMA: Json = {
  type: 'object',
  description: 'The answer as MCP content blocks: `text` blocks, `image` blocks (base64 `data`) or links.',
  properties: {
    content: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['text', 'image', 'audio', 'resource_link', 'resource'] },
          text: { type: 'string' },
          data: { type: 'string', contentEncoding: 'base64' },
          mimeType: { type: 'string' },
          uri: { type: 'string' },
          name: { type: 'string' },
        },
        required: ['type'],
      },
    },
    fetched_at: { type: 'string', format: 'date-time' },
  },
  required: ['content'],
};

const ERROR_SCHEMA: Json = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'What went wrong, in words a model or a person can act on.' },
    hint: { type: 'string', description: 'What to do next (another tool, other arguments, wait).' },
  },
  required: ['error'],
};

/** Moves a schema's `$defs` into `defs` under a prefixed name and points its refs there. */
function hoistDefs(schema: Json, prefix: string, defs: Json): Json {
  const local = (schema.$defs ?? {}) as Json;
  const rename = (key: string) => `${prefix}.${key}`;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === '$defs') continue;
      out[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')
          ? `#/components/schemas/${rename(value.slice('#/$defs/'.length))}`
          : rewrite(value);
    }
    return out;
  };
  for (const [key, def] of Object.entries(local)) defs[rename(key)] = rewrite(def);
  return rewrite(schema) as Json;
}

function operation(tool: AnyTool, schemas: Json): Json {
  // The input schema tools/list shows; the output schema whole (tools/list trims nested fields to keep what
  // a model reads short, while a generated REST client wants every type).
  const inputSchema = inputJsonSchema(tool);
  const outputSchema = outputJsonSchema(tool);
  const input = hoistDefs(inputSchema as Json, `${tool.name}.input`, schemas);
  const output = outputSchema
    ? hoistDefs(outputSchema as Json, `${tool.name}.output`, schemas)
    : { $ref: '#/components/schemas/MediaAnswer' };
  return {
    operationId: tool.name,
    summary: tool.title,
    description: `${tool.description}\n\n${EFFECT_NOTE[tool.effect]}`,
    tags: [tool.toolset],
    'x-effect': tool.effect,
    requestBody: { required: true, content: { 'application/json': { schema: input } } },
    responses: {
      '200': { description: 'The answer.', content: { 'application/json': { schema: output } } },
      ...Object.fromEntries(
        Object.keys(ERROR_RESPONSES).map((status) => [status, { $ref: `#/components/responses/${status}` }]),
      ),
    },
  };
}

export function openApiDocument(tools: readonly AnyTool[], opts: OpenApiDocumentOptions): Json {
  const schemas: Json = { Error: ERROR_SCHEMA, MediaAnswer: MEDIA_SCHEMA };
  const paths: Json = {};
  for (const tool of tools) paths[toolPath(tool.name)] = { post: operation(tool, schemas) };
  const responses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Worksection MCP',
      version: OPENAPI_CONTRACT_VERSION,
      description:
        "The Worksection MCP app's tools over plain HTTP: each tool is `POST /tools/<name>` with its " +
        'arguments as the JSON body, and answers what the MCP tool answers. Authenticate with a client ' +
        'token (`Authorization: Bearer wsmcp_…`); a read-scope token sees and calls the read tools only.',
    },
    servers: [{ url: opts.serverUrl }],
    security: [{ bearer: [] }],
    tags: [...new Set(tools.map((t) => t.toolset))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A client token of the app: `wsmcp connect openapi --print` makes one.',
        },
      },
      schemas,
      responses,
    },
  };
}
