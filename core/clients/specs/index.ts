// Every client we can connect, in the order the Clients panel shows them.
import type { ClientSpec } from '../client-spec.js';
import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { cursor } from './cursor.js';
import { geminiCli } from './gemini-cli.js';
import { lmStudio } from './lm-studio.js';
import { vscode, vscodeInsiders } from './vscode.js';
import { windsurf } from './windsurf.js';
import { zed } from './zed.js';

export const CLIENTS: readonly ClientSpec[] = [
  claudeDesktop,
  claudeCode,
  cursor,
  vscode,
  vscodeInsiders,
  windsurf,
  codex,
  geminiCli,
  cline,
  zed,
  lmStudio,
];

export function clientById(id: string): ClientSpec | undefined {
  return CLIENTS.find((c) => c.id === id);
}
