// The Claude Desktop extension's server (the .mcpb's entry point, run on Claude's built-in Node). Claude
// passes the extension's settings as environment variables (manifest mcp_config.env): the token, kept in
// the OS keychain by Claude as a `sensitive` setting, and the app's address. This is a program of its own,
// so it reads them here rather than through core/config.ts, which it does not ship.
import { checkBridgeUrl, runBridge } from './bridge.js';

const url = process.env.WSMCP_URL || 'http://127.0.0.1:7341/mcp';
const token = process.env.WSMCP_TOKEN ?? '';

const bad = checkBridgeUrl(url);
if (bad) {
  process.stderr.write(`worksection extension: ${bad}; fix the address in the extension's settings\n`);
  process.exit(1);
}

await runBridge({
  url,
  token,
  stdin: process.stdin,
  stdout: process.stdout,
  log: (line) => process.stderr.write(`worksection extension: ${line}\n`),
  tokenAdvice:
    "Ask the user to copy a token for Claude Desktop in the Worksection MCP app (Clients → Claude Desktop → Copy token) and paste it into this extension's settings (Settings → Extensions → Worksection → Configure).",
});
process.exit(0);
