// What the account commands share: the account flags and reading a secret from stdin.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { ConfigFlags } from '../config.js';

export const ACCOUNT_OPTIONS = {
  'account-url': { type: 'string' },
  'oauth-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'redirect-uri': { type: 'string' },
  scopes: { type: 'string' },
  'me-email': { type: 'string' },
} as const;

type AccountValues = Partial<Record<keyof typeof ACCOUNT_OPTIONS, string>>;

export function accountFlags(v: AccountValues & { 'data-dir'?: string }): ConfigFlags {
  return {
    dataDir: v['data-dir'],
    accountUrl: v['account-url'],
    oauthUrl: v['oauth-url'],
    clientId: v['client-id'],
    clientSecret: v['client-secret'],
    redirectUri: v['redirect-uri'],
    scopes: v.scopes,
    meEmail: v['me-email'],
  };
}

/**
 * A secret from stdin: piped, everything up to EOF; at a terminal, one line typed without echo (the
 * prompt goes to stderr so stdout stays the command's output).
 */
export async function readSecretFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  process.stderr.write(prompt);
  // readline echoes through `output` on a terminal: a sink keeps the key off the screen.
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const lines = createInterface({ input: stdin, output: sink, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      lines.once('line', resolve);
      lines.once('close', () => resolve(''));
    });
  } finally {
    lines.close();
    process.stderr.write('\n');
  }
}
