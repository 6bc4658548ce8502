// The icons in resources/ are what the script makes of resources/icon.svg today: nobody edits a PNG by
// hand, and a changed SVG without `npm run icons` fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIcons } from './make-icons.js';

describe('icons', () => {
  it('every icon in resources/ is rendered from icon.svg, byte for byte', async () => {
    const files = await makeIcons(readFileSync('resources/icon.svg', 'utf8'));
    // The app icon, its .ico, and 3 statuses x (macOS 1x + 2x, Windows 2 themes, Linux 2 themes).
    expect(files.size).toBe(2 + 3 * 6);
    const stale = [...files].filter(([name, bytes]) => !readFileSync(join('resources', name)).equals(bytes));
    expect(stale.map(([name]) => name)).toEqual([]);
  });

  it('the .ico files are real icons with several sizes', async () => {
    const ico = readFileSync('resources/tray/win/running-dark.ico');
    // ICONDIR: reserved 0, type 1 (icon), image count.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 5]);
    expect(readFileSync('resources/icon.ico').readUInt16LE(4)).toBe(6);
  });
});
