// `wsmcp`: the headless command line. Each command lives in its own module and is loaded on demand so
// `wsmcp --help` stays instant.
const USAGE = `wsmcp <command> [options]

Commands:
  sandbox   run the built-in Worksection sandbox (a local stand-in for the API and OAuth2 server)

Run \`wsmcp <command> --help\` for the options of a command.`;

const [command, ...rest] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || command === 'help') {
  console.log(USAGE);
} else {
  console.error(`wsmcp: unknown command "${command}"\n\n${USAGE}`);
  process.exitCode = 2;
}
void rest;
