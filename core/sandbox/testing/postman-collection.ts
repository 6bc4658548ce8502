// Reads Worksection's official Postman collections in place (shared/reference/worksection-postman/, beside
// the repository) into a typed list of requests and their example answers. Tests use it to check the
// schemas against every documented example and to replay every documented request against the sandbox.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export type CollectionName = 'client' | 'oauth';

const FILES: Record<CollectionName, string> = {
  client: 'ws_client_api_postman_collection.json',
  oauth: 'ws_oauth2_postman_collection.json',
};

export type QueryPairs = Array<[string, string]>;

export interface PostmanExample {
  name: string;
  httpCode: number;
  contentType: string | null;
  /** The enabled query params of the example's request, in order. */
  params: QueryPairs;
  action: string | null;
  isJson: boolean;
  /** Parsed JSON when isJson, else the raw text (download's bytes). */
  body: unknown;
  /** The JSON had trailing commas (artefacts of Worksection's documentation) and was repaired to parse. */
  repaired: boolean;
}

export interface PostmanRequest {
  folder: string;
  name: string;
  /** The `action` query param; null for the OAuth endpoints. */
  action: string | null;
  method: string;
  /** The URL path for requests with a fixed path ("/oauth2/token"); "" for the client API's {{basic_url}}. */
  path: string;
  /** Enabled query params, in order; a null value in the collection reads as "". */
  params: QueryPairs;
  examples: PostmanExample[];
}

// Only the parts of the Postman v2.1 format read here; everything else passes through unchecked.
const querySchema = z.array(
  z.object({ key: z.string(), value: z.string().nullish(), disabled: z.boolean().optional() }),
);
const urlSchema = z.object({ path: z.array(z.string()).optional(), query: querySchema.optional() });
const responseSchema = z.object({
  name: z.string(),
  code: z.number().int(),
  header: z.array(z.object({ key: z.string(), value: z.string() })).nullish(),
  body: z.string().nullish(),
  _postman_previewlanguage: z.string().nullish(),
  originalRequest: z.object({ url: urlSchema }),
});
const requestItemSchema = z.object({
  name: z.string(),
  request: z.object({ method: z.string(), url: urlSchema }),
  response: z.array(responseSchema).optional(),
});
type Item = { name: string; item?: Item[] } & Record<string, unknown>;
const itemSchema: z.ZodType<Item> = z.lazy(() =>
  z.looseObject({ name: z.string(), item: z.array(itemSchema).optional() }),
);
const collectionSchema = z.object({ item: z.array(itemSchema) });

/** The folder holding the collections: `<repo root>/../shared/reference/worksection-postman`. */
export function postmanDir(): string {
  // The repo root is the nearest ancestor with a package.json, so this works from the sources and from dist/.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('postman-collection: no package.json above this file');
    dir = up;
  }
  return resolve(dir, '..', 'shared', 'reference', 'worksection-postman');
}

export function loadPostmanCollection(name: CollectionName): PostmanRequest[] {
  const raw: unknown = JSON.parse(readFileSync(join(postmanDir(), FILES[name]), 'utf8'));
  const out: PostmanRequest[] = [];
  const walk = (items: Item[], folder: string): void => {
    for (const item of items) {
      if (item.item) walk(item.item, item.name);
      else out.push(toRequest(requestItemSchema.parse(item), folder));
    }
  };
  walk(collectionSchema.parse(raw).item, '');
  return out;
}

function toRequest(item: z.infer<typeof requestItemSchema>, folder: string): PostmanRequest {
  const params = enabledPairs(item.request.url.query);
  return {
    folder,
    name: item.name,
    action: actionOf(params),
    method: item.request.method,
    path: item.request.url.path ? `/${item.request.url.path.join('/')}` : '',
    params,
    examples: (item.response ?? []).map(toExample),
  };
}

function toExample(res: z.infer<typeof responseSchema>): PostmanExample {
  const params = enabledPairs(res.originalRequest.url.query);
  const contentType = res.header?.find((h) => h.key.toLowerCase() === 'content-type')?.value ?? null;
  const text = res.body ?? '';
  const isJson = res._postman_previewlanguage === 'json' || (contentType?.includes('json') ?? false);
  const base = { name: res.name, httpCode: res.code, contentType, params, action: actionOf(params) };
  if (!isJson) return { ...base, isJson, body: text, repaired: false };
  const { value, repaired } = parseTolerant(text);
  return { ...base, isJson, body: value, repaired };
}

/** JSON.parse that, failing that, retries with trailing commas before `]` / `}` removed. */
export function parseTolerant(text: string): { value: unknown; repaired: boolean } {
  try {
    return { value: JSON.parse(text) as unknown, repaired: false };
  } catch {
    return { value: JSON.parse(text.replace(/,(\s*[\]}])/g, '$1')) as unknown, repaired: true };
  }
}

function enabledPairs(query: z.infer<typeof querySchema> | undefined): QueryPairs {
  return (query ?? []).filter((q) => q.disabled !== true).map((q) => [q.key, q.value ?? '']);
}

function actionOf(params: QueryPairs): string | null {
  return params.find(([k]) => k === 'action')?.[1] ?? null;
}
