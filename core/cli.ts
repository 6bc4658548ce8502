// `wsmcp`: the headless command line. Each command lives in its own module and is loaded on demand so
// `wsmcp --help` stays instant.
// better-sqlite3 13 crashes (SIGSEGV) on Node 20: say so in one line instead.
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 22) {
  console.error(
    `wsmcp needs Node.js 22 or newer (this is ${process.versions.node}); from a checkout run \`npm run wsmcp -- <command>\`, which uses the project's own Node 22.`,
  );
  process.exit(1);
}

interface Command {
  main(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: {
    summary: 'serve MCP over HTTP on 127.0.0.1 (--demo: on the built-in sandbox account)',
    load: () => import('./commands/serve.js'),
  },
  stdio: {
    summary: 'serve MCP over stdin/stdout, for clients that launch a command',
    load: () => import('./commands/stdio.js'),
  },
  connect: {
    summary: 'connect an MCP client: write its config file (--list shows the clients)',
    load: () => import('./commands/connect.js'),
  },
  bridge: {
    summary: 'the stdio bridge a connected client launches (forwards to the running app)',
    load: () => import('./commands/bridge.js'),
  },
  token: {
    summary: 'create, list and revoke the tokens MCP clients connect with',
    load: () => import('./commands/token.js'),
  },
  open: {
    summary: "open the running server's window (its UI) in the browser with a one-time address",
    load: () => import('./commands/open.js'),
  },
  ui: {
    summary: 'the same as open',
    load: () => import('./commands/open.js'),
  },
  logs: {
    summary: 'show the MCP requests the server answered (--follow to keep watching)',
    load: () => import('./commands/logs.js'),
  },
  status: {
    summary: 'show the sign-in, whether a server runs, the store, caches, upstream budget, calls per tool',
    load: () => import('./commands/status.js'),
  },
  login: {
    summary: 'sign in to a Worksection account (OAuth in a browser, or --api-key for an admin key)',
    load: () => import('./commands/login.js'),
  },
  logout: {
    summary: 'sign out: erase the saved sign-in and its secrets',
    load: () => import('./commands/logout.js'),
  },
  sandbox: {
    summary: 'run the built-in Worksection sandbox (a local stand-in for the API and OAuth2 server)',
    load: () => import('./commands/sandbox.js'),
  },
};

const USAGE = `wsmcp <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run \`wsmcp <command> --help\` for the options of a command.`;

const [name, ...rest] = process.argv.slice(2);
const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(USAGE);
} else if (!command) {
  console.error(`wsmcp: unknown command "${name}"\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  // The process ends by itself once the command's servers and timers are gone.
  process.exitCode = await (await command.load()).main(rest);
}
