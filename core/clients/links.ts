// One-click links and terminal commands that install our entry without a file write: Cursor's and LM
// Studio's deeplinks (base64 of the inner server object), VS Code's `vscode:mcp/install` link and
// `code --add-mcp`, `claude mcp add` and `gemini mcp add`. Each carries exactly the entry the writer
// would put in the file (a test decodes every one and compares).
import { SERVER_NAME, type Entry } from './client-spec.js';

interface ClientAction {
  kind: 'link' | 'command';
  label: string;
  /** A URL, or a command line for a POSIX shell (bash, zsh; PowerShell accepts it too). */
  text: string;
}

const base64 = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64');

/** Quotes one word for a POSIX shell; plain words stay as they are. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const commandLine = (argv: string[]): string => argv.map(shellWord).join(' ');

function authorization(entry: Entry): string | undefined {
  const headers = entry.headers as Record<string, string> | undefined;
  return headers?.Authorization;
}

function cursorLink(entry: Entry): string {
  return `cursor://anysphere.cursor-deeplink/mcp/install?name=${SERVER_NAME}&config=${encodeURIComponent(base64(entry))}`;
}

function lmStudioLink(entry: Entry): string {
  return `lmstudio://add_mcp?name=${SERVER_NAME}&config=${encodeURIComponent(base64(entry))}`;
}

function vscodeLink(entry: Entry, scheme: 'vscode' | 'vscode-insiders'): string {
  return `${scheme}:mcp/install?${encodeURIComponent(JSON.stringify({ name: SERVER_NAME, ...entry }))}`;
}

function codeAddMcp(entry: Entry, program: 'code' | 'code-insiders'): string {
  return commandLine([program, '--add-mcp', JSON.stringify({ name: SERVER_NAME, ...entry })]);
}

/** `claude mcp add`: options before the name; user scope so it works in every project. */
function claudeMcpAdd(entry: Entry): string {
  const auth = authorization(entry);
  return commandLine([
    'claude',
    'mcp',
    'add',
    '--transport',
    'http',
    '--scope',
    'user',
    ...(auth ? ['--header', `Authorization: ${auth}`] : []),
    SERVER_NAME,
    String(entry.url),
  ]);
}

function geminiMcpAdd(entry: Entry): string {
  const auth = authorization(entry);
  return commandLine([
    'gemini',
    'mcp',
    'add',
    '--scope',
    'user',
    '--transport',
    'http',
    ...(auth ? ['--header', `Authorization: ${auth}`] : []),
    SERVER_NAME,
    String(entry.httpUrl),
  ]);
}

/** The links and commands a client has, for the entry the writer would write. */
export function actionsFor(clientId: string, entry: Entry): ClientAction[] {
  switch (clientId) {
    case 'cursor':
      return [{ kind: 'link', label: 'Add to Cursor', text: cursorLink(entry) }];
    case 'lm-studio':
      return [{ kind: 'link', label: 'Add to LM Studio', text: lmStudioLink(entry) }];
    case 'vscode':
      return [
        { kind: 'link', label: 'Install in VS Code', text: vscodeLink(entry, 'vscode') },
        { kind: 'command', label: 'code --add-mcp', text: codeAddMcp(entry, 'code') },
      ];
    case 'vscode-insiders':
      return [
        { kind: 'link', label: 'Install in VS Code Insiders', text: vscodeLink(entry, 'vscode-insiders') },
        { kind: 'command', label: 'code-insiders --add-mcp', text: codeAddMcp(entry, 'code-insiders') },
      ];
    case 'claude-code':
      return [{ kind: 'command', label: 'claude mcp add', text: claudeMcpAdd(entry) }];
    case 'gemini-cli':
      return [{ kind: 'command', label: 'gemini mcp add', text: geminiMcpAdd(entry) }];
    default:
      return [];
  }
}
