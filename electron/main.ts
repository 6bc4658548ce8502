// The Electron entry point: decides from the command line whether this launch is the stdio bridge for an
// MCP client or the tray app, and hands over. Every decision lives in small tested modules; this file and
// the few that touch Electron only wire them.
import { app } from 'electron';
import { runBridge } from './bridge.js';
import { launchMode } from './launch.js';
import { runTrayApp } from './tray-app.js';

const mode = launchMode(process.argv, app.getLoginItemSettings().wasOpenedAtLogin);
const started = mode.kind === 'bridge' ? runBridge() : runTrayApp({ hidden: mode.hidden });
started.catch((err: unknown) => {
  process.stderr.write(`Worksection MCP could not start: ${(err as Error).stack ?? String(err)}\n`);
  app.exit(1);
});
