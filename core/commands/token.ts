// `wsmcp token create|list|revoke`: the MCP client tokens of a data dir. It works beside a running server
// (the store is shared through SQLite), and a revoked token is refused from the client's next request.
import type { ClientTokenInfo, ClientTokens } from '../store/client-tokens.js';
import { storeLocation } from '../data-dir/paths.js';
import {
  DATA_DIR_FLAGS,
  dataDirConfigOrExit,
  EXIT_FAILURE,
  fail,
  readCommandLine,
  scopeFlag,
  textTable,
  UsageError,
  usageFailure,
} from './command-support.js';

export const USAGE = `Usage: wsmcp token <command> [options]

Manages the tokens MCP clients use to connect (Authorization: Bearer <token>).

Commands:
  create --name NAME [--scope read|write]   create a token; it is printed only once
  list                                      list tokens (never their secrets)
  revoke NAME                               revoke a token; its client is refused from then on

Options:
  --scope S         read: the client sees and calls read-only tools; write (default): all tools
  --data-dir D      the data dir of the server the tokens are for
  --demo            the tokens of the demo server (\`wsmcp serve --demo\`) instead
  --json            machine-readable output (create, list)
  -h, --help        show this help`;

const COMMAND = 'token';

function table(list: ClientTokenInfo[]): string {
  if (list.length === 0) return 'No client tokens yet; create one with `wsmcp token create --name NAME`.';
  const rows = [
    ['NAME', 'SCOPE', 'CREATED', 'LAST USED'],
    ...list.map((t) => [t.name, t.scope, t.createdAt, t.lastUsedAt ?? 'never']),
  ];
  return textTable(rows);
}

function run(
  tokens: ClientTokens,
  sub: string,
  args: string[],
  v: { name?: string; scope?: string; json?: boolean },
): number {
  switch (sub) {
    case 'create': {
      if (!v.name) throw new UsageError('create needs --name NAME');
      const { token, info } = tokens.create(v.name, scopeFlag(v.scope));
      if (v.json) {
        console.log(JSON.stringify({ ...info, token }));
      } else {
        console.log(`Created the ${info.scope} token "${info.name}". It is shown only now; put it in the client's configuration:

  ${token}

The client sends it as the header  Authorization: Bearer ${token}`);
      }
      return 0;
    }
    case 'list': {
      const list = tokens.list();
      console.log(v.json ? JSON.stringify(list) : table(list));
      return 0;
    }
    case 'revoke': {
      const name = args[0];
      if (!name || args.length > 1) throw new UsageError('revoke needs exactly one token NAME');
      if (!tokens.revoke(name))
        return fail(COMMAND, `no token is named "${name}"; \`wsmcp token list\` shows them`);
      console.log(`Revoked the token "${name}"; its client is refused from its next request.`);
      return 0;
    }
    default:
      throw new UsageError(`unknown token command "${sub}"`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const cli = readCommandLine(
    COMMAND,
    USAGE,
    argv,
    {
      name: { type: 'string' },
      scope: { type: 'string' },
      json: { type: 'boolean' },
      ...DATA_DIR_FLAGS,
    },
    { positionals: true },
  );
  if (typeof cli === 'number') return cli;
  const { values, positionals } = cli;
  const config = dataDirConfigOrExit(COMMAND, values);
  if (typeof config === 'number') return config;
  const [sub = '', ...args] = positionals;
  if (!['create', 'list', 'revoke'].includes(sub)) {
    const what = sub ? `unknown token command "${sub}"` : 'say create, list or revoke';
    return usageFailure(COMMAND, new UsageError(what));
  }
  if (sub !== 'revoke' && args.length > 0)
    return usageFailure(COMMAND, new UsageError(`unexpected "${args[0]}"`));

  const { ClientTokenError, openClientTokens } = await import('../store/client-tokens.js');
  const store = openClientTokens(storeLocation(config).dbFile);
  try {
    return run(store.tokens, sub, args, values);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(COMMAND, err);
    if (err instanceof ClientTokenError) return fail(COMMAND, err.message);
    return fail(COMMAND, (err as Error).message, EXIT_FAILURE);
  } finally {
    store.close();
  }
}
