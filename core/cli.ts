// `wsmcp`: the headless command line. Each command lives in its own module and is loaded on demand so
// `wsmcp --help` stays instant.
interface Command {
  main(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
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
