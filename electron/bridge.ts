// `<app executable> --stdio bridge --url …`: the MCP stdio bridge that Claude Desktop launches. It forwards
// to the running tray app with the client's token, so the client shares the app's one upstream rate, call
// log and sign-in (a second engine here would double the rate and fight over the data dir). When nothing
// answers it starts the tray app once, hidden, and waits for it. stdout carries protocol messages only, so
// every log line and stray console output goes to stderr.
import { spawn } from 'node:child_process';
import { app } from 'electron';
import { loadDesktopConfig, relayStdio } from './core-face.js';
import { bridgeUrl, trayAppCommand } from './launch.js';

export async function runBridge(): Promise<void> {
  const toStderr = (...args: unknown[]): void => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  app.dock?.hide();
  const log = (line: string) => process.stderr.write(`worksection-mcp bridge: ${line}\n`);
  let code = 0;
  try {
    await relayStdio({
      url: bridgeUrl(process.argv),
      config: loadDesktopConfig(),
      stdin: process.stdin,
      stdout: process.stdout,
      log,
      startApp: () => {
        const { command, args } = trayAppCommand(
          process.execPath,
          app.isPackaged ? undefined : process.argv[1],
        );
        // Detached: the tray app outlives this bridge and the client that launched it.
        spawn(command, args, { detached: true, stdio: 'ignore', env: withoutBridgeEnv() }).unref();
      },
    });
  } catch (err) {
    log((err as Error).message);
    code = 1;
  }
  app.exit(code);
}

/** The tray app must not inherit the client's token or a Node-mode switch. */
function withoutBridgeEnv(): NodeJS.ProcessEnv {
  const { WSMCP_TOKEN: _token, ELECTRON_RUN_AS_NODE: _node, ...env } = process.env;
  return env;
}
