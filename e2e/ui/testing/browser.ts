// The browser the UI is tested in: Debian's Chromium, never one Playwright downloads. Where it is missing
// the specs skip themselves and say why.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const NO_BROWSER = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing: run scripts/ensure-system-deps.sh (Debian) to install chromium`;
