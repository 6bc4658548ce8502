// `<app executable> --stdio`: the MCP stdio bridge that Claude Desktop launches. It serves one client over
// stdin/stdout in this process with the same settings, vault and secret backend as the tray app, and opens
// no window, tray or single-instance lock. stdout carries protocol messages only, so every log line and
// stray console output goes to stderr.
import { app, safeStorage } from 'electron';
import { loadDesktopConfig, openCore, vaultDir } from './core-face.js';
import { hostSecretBackend } from './secret-backend.js';

export async function runBridge(): Promise<void> {
  const toStderr = (...args: unknown[]): void => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  app.dock?.hide();
  await app.whenReady();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let code = 0;
  try {
    const config = loadDesktopConfig();
    const secret = await hostSecretBackend({
      safeStorage,
      platform: process.platform,
      dir: vaultDir(config),
    });
    if (secret.warning) log(`[warn] ${secret.warning}`);
    const core = openCore({ log, secretBackend: secret.backend, openUrl: () => Promise.resolve() }, config);
    await core.serveStdio(process.stdin, process.stdout);
  } catch (err) {
    log(`worksection-mcp --stdio: ${(err as Error).message}`);
    code = 1;
  }
  app.exit(code);
}
