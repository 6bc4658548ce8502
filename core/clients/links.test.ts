// Every one-click link and command, decoded the way its client decodes it, must carry exactly the entry
// the writer puts in that client's file (same URL, same token, same fields).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENTS } from './specs/index.js';
import { entryIn, fixture, parseAsClient, type Fixture } from './testing/client-fixture.js';
import { shellWords } from './testing/shell-words.js';

let f: Fixture;
beforeEach(() => void (f = fixture('linux')));
afterEach(() => f.close());

/** Connects the client for real and answers the entry its file now holds. */
async function writtenEntry(id: string): Promise<Record<string, unknown>> {
  const spec = CLIENTS.find((c) => c.id === id)!;
  await f.service().connect(id);
  return entryIn(spec, parseAsClient(spec, readFileSync(spec.configPath(f.os), 'utf8')))!;
}

const fromBase64 = (s: string): unknown => JSON.parse(Buffer.from(s, 'base64').toString('utf8'));

describe('one-click links and commands', () => {
  it('Cursor: cursor://…/mcp/install?name=…&config=base64(inner entry)', async () => {
    const entry = await writtenEntry('cursor');
    const link = new URL(f.service().copy('cursor', 'link').text);
    expect(`${link.protocol}//${link.host}${link.pathname}`).toBe(
      'cursor://anysphere.cursor-deeplink/mcp/install',
    );
    expect(link.searchParams.get('name')).toBe('worksection');
    expect(fromBase64(link.searchParams.get('config')!)).toEqual(entry);
  });

  it('LM Studio: lmstudio://add_mcp?name=…&config=base64(inner entry)', async () => {
    const entry = await writtenEntry('lm-studio');
    const link = new URL(f.service().copy('lm-studio', 'link').text);
    expect(link.href.startsWith('lmstudio://add_mcp?')).toBe(true);
    expect(link.searchParams.get('name')).toBe('worksection');
    expect(fromBase64(link.searchParams.get('config')!)).toEqual(entry);
  });

  it.each([
    ['vscode', 'vscode:', 'code'],
    ['vscode-insiders', 'vscode-insiders:', 'code-insiders'],
  ])('%s: the mcp/install link and `--add-mcp` carry {name, ...entry}', async (id, scheme, program) => {
    const entry = await writtenEntry(id);
    const link = f.service().copy(id, 'link').text;
    expect(link.startsWith(`${scheme}mcp/install?`)).toBe(true);
    expect(JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1)))).toEqual({
      name: 'worksection',
      ...entry,
    });
    const argv = shellWords(f.service().copy(id, 'command').text);
    expect(argv.slice(0, 2)).toEqual([program, '--add-mcp']);
    expect(JSON.parse(argv[2]!)).toEqual({ name: 'worksection', ...entry });
    expect(argv).toHaveLength(3);
  });

  it('Claude Code: `claude mcp add --transport http --scope user --header … worksection <url>`', async () => {
    const entry = (await writtenEntry('claude-code')) as {
      type: string;
      url: string;
      headers: { Authorization: string };
    };
    const argv = shellWords(f.service().copy('claude-code', 'command').text);
    expect(argv).toEqual([
      'claude',
      'mcp',
      'add',
      '--transport',
      entry.type,
      '--scope',
      'user',
      '--header',
      `Authorization: ${entry.headers.Authorization}`,
      'worksection',
      entry.url,
    ]);
  });

  it('Gemini CLI: `gemini mcp add … --header … worksection <httpUrl>`', async () => {
    const entry = (await writtenEntry('gemini-cli')) as {
      httpUrl: string;
      headers: { Authorization: string };
    };
    const argv = shellWords(f.service().copy('gemini-cli', 'command').text);
    expect(argv).toEqual([
      'gemini',
      'mcp',
      'add',
      '--scope',
      'user',
      '--transport',
      'http',
      '--header',
      `Authorization: ${entry.headers.Authorization}`,
      'worksection',
      entry.httpUrl,
    ]);
  });

  it('"Copy config" is the same entry, in the file format of the client', async () => {
    for (const spec of CLIENTS) {
      const entry = await writtenEntry(spec.id);
      const copied = f.service().copy(spec.id, 'config');
      expect(copied.tokenCreated).toBe(false);
      expect(entryIn(spec, parseAsClient(spec, copied.text))).toEqual(entry);
    }
  });

  it('clients without a link say so', () => {
    expect(() => f.service().copy('claude-desktop', 'link')).toThrow(/no one-click link/);
  });
});
