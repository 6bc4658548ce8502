// The one-time-code hand-over: the main process asks core for a fresh one-time UI address every time the
// window loads the UI, and gives it straight to loadURL. The address lives only in memory for that call:
// it is never written to a file, a command line or the log (the log gets the origin only), and core
// spends its code on the first load, so a copy seen later is worthless.
import { isUiUrl } from './guards.js';

export interface UiHandOver {
  /** core: a fresh one-time address of the UI. */
  mint(): Promise<string>;
  /** The window's loadURL. */
  load(url: string): Promise<void>;
  log(line: string): void;
}

/** What may be logged of a UI address: its origin and path, never the query or fragment. */
export function loggable(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** Mints, checks the address belongs to the running server, loads it; a `page` is the UI's route. */
export async function loadUi(handOver: UiHandOver, uiOrigin: string, page?: string): Promise<void> {
  const minted = await handOver.mint();
  if (!isUiUrl(minted, uiOrigin) || !new URL(minted).protocol.startsWith('http')) {
    handOver.log(`[error] refused a UI address outside ${uiOrigin}: ${loggable(minted)}`);
    throw new Error('core answered a UI address outside its own origin');
  }
  const url = new URL(minted);
  if (page) url.hash = `/${page}`;
  handOver.log(`[info] opening the window at ${loggable(url.href)}`);
  await handOver.load(url.href);
}
