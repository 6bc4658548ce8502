// What an OpenAPI user does: generate types from the served document (openapi-typescript), write a client
// with openapi-fetch, compile it (TypeScript, strict) and call two tools on the sandbox with it. A client
// that passes a wrong argument type must not compile: the generated types are real, not `any`.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../e2e/mcp/cli-run.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { startOpenApiEndpoint, type OpenApiEndpoint } from './testing/openapi-endpoint.js';

const client = (listArgs: string) => `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

export async function callTwo(baseUrl: string, token: string) {
  const api = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${token}\` } });
  const me = await api.POST('/tools/get_me', { body: {} });
  const projects = await api.POST('/tools/list_projects', { body: ${listArgs} });
  if (!me.data || !projects.data) throw new Error(JSON.stringify(me.error ?? projects.error));
  // get_me says user: null when the account's user cannot be resolved; the type says so too.
  if (!me.data.user) throw new Error('no user');
  const email: string = me.data.user.email;
  const names: string[] = projects.data.items.map((p) => p.name);
  return { email, names, total: projects.data.total_count };
}
`;

function typeErrors(dir: string): string[] {
  const program = ts.createProgram([join(dir, 'client.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a client generated from /openapi.json', () => {
  let h: Harness;
  let api: OpenApiEndpoint;
  let dir: string;
  beforeAll(async () => {
    h = await createHarness();
    api = await startOpenApiEndpoint(h.server);
    dir = await mkdtemp(join(tmpdir(), 'wsmcp-openapi-client-'));
    // The client resolves openapi-fetch (and TypeScript its types) as a project beside ours would.
    await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    const res = await fetch(`${api.http.origin}/openapi.json`, {
      headers: { Authorization: `Bearer ${api.readToken}` },
    });
    const types = astToString(await openapiTS((await res.json()) as never));
    await writeFile(join(dir, 'api.ts'), types);
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await api.close();
    await h.close();
  });

  it('compiles and calls get_me and list_projects', async () => {
    const source = client("{ status: 'active', limit: 2 }");
    await writeFile(join(dir, 'client.ts'), source);
    expect(typeErrors(dir)).toEqual([]);
    const js = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    await writeFile(join(dir, 'client.js'), js);
    const mod = (await import(pathToFileURL(join(dir, 'client.js')).href)) as {
      callTwo(baseUrl: string, token: string): Promise<{ email: string; names: string[]; total: number }>;
    };
    const out = await mod.callTwo(api.http.origin, api.readToken);
    const data = h.sandbox.data;
    expect(out.email).toBe(data.users.get(data.ownerId)?.email);
    expect(out.names).toHaveLength(2);
    expect(out.total).toBe([...data.projects.values()].filter((p) => p.status === 'active').length);
  }, 60_000);

  it('does not compile with an argument of the wrong type', async () => {
    await writeFile(join(dir, 'client.ts'), client("{ status: 'active', limit: 'two' }"));
    expect(typeErrors(dir)).toEqual(["Type 'string' is not assignable to type 'number'."]);
  }, 60_000);
});
