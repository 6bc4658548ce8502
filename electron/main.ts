// The Electron entry point: decides from the command line whether this launch is the stdio bridge for an
// MCP client or the tray app, and hands over. Every decision lives in small tested modules; this file and
// the few that touch Electron only wire them.
import { enableCompileCache } from 'node:module';
import { app } from 'electron';
import { launchMode } from './launch.js';

// Core's modules compile once, not on every launch (as the CLI does, core/cli.ts); they load below, after
// this call, which is why the bridge and the tray app are imported on demand.
enableCompileCache();

const mode = launchMode(process.argv, app.getLoginItemSettings().wasOpenedAtLogin);
const started =
  mode.kind === 'bridge'
    ? import('./bridge.js').then(({ runBridge }) => runBridge())
    : import('./tray-app.js').then(({ runTrayApp }) => runTrayApp({ hidden: mode.hidden }));
started.catch((err: unknown) => {
  process.stderr.write(`Worksection MCP could not start: ${(err as Error).stack ?? String(err)}\n`);
  app.exit(1);
});
