// The management UI is built in its own issue; until then the page names the product and points to the CLI.
const root = document.getElementById('root');
if (root)
  root.textContent = 'Worksection MCP Desktop: run `npm run wsmcp -- --help` for the headless commands.';
