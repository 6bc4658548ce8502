// Renders every icon in resources/ from resources/icon.svg: the app icon (PNG for macOS and Linux, .ico
// for Windows) and the tray icons per status (running, stopped, attention) for each platform and panel
// theme, with the file names electron/tray/icon.ts asks for. Run `npm run icons` after changing the SVG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';
import { allTrayIconFiles } from '../electron/tray/icon.js';
import type { TrayStatus } from '../electron/tray/state.js';

const TEMPLATE_BLACK = '#000000';
const COLOURS = { light: '#ffffff', dark: '#1f2937', attention: '#f59e0b' };

export function render(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' })
    .render()
    .asPng();
}

export function glyphOf(source: string): string {
  const glyph = /<g id="glyph"[\s\S]*?<\/g>/.exec(source)?.[0];
  if (!glyph) throw new Error('resources/icon.svg has no <g id="glyph"> group');
  return glyph;
}

/** The tray picture of a status: the glyph alone, dimmed when stopped, with a dot when it needs attention. */
export function traySvg(glyph: string, status: TrayStatus, colour: string, badge: string): string {
  const recoloured = glyph.replaceAll('#ffffff', colour);
  const body =
    status === 'stopped'
      ? `<g opacity="0.45">${recoloured}</g>`
      : status === 'attention'
        ? `<mask id="cut"><rect x="0" y="0" width="64" height="64" fill="#fff"/><circle cx="51" cy="50" r="13" fill="#000"/></mask>` +
          `<g mask="url(#cut)">${recoloured}</g><circle cx="51" cy="50" r="9" fill="${badge}"/>`
        : recoloured;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="4 4 56 56" width="64" height="64">${body}</svg>`;
}

/** Every file under resources/ and its bytes. */
export async function makeIcons(source: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  out.set('icon.png', render(source, 1024));
  out.set('icon.ico', await pngToIco([256, 128, 64, 48, 32, 16].map((s) => render(source, s))));
  const glyph = glyphOf(source);
  for (const file of allTrayIconFiles()) {
    const [platform, name] = file.split('/') as [string, string];
    const status = name.replace(/Template\.png$|-(light|dark)\.(png|ico)$/, '') as TrayStatus;
    if (platform === 'mac') {
      const svg = traySvg(glyph, status, TEMPLATE_BLACK, TEMPLATE_BLACK);
      // 16 pt in the menu bar, with the @2x companion macOS picks on Retina screens.
      out.set(`tray/${file}`, render(svg, 16));
      out.set(`tray/${file.replace('.png', '@2x.png')}`, render(svg, 32));
      continue;
    }
    const colour = name.includes('-light') ? COLOURS.light : COLOURS.dark;
    const svg = traySvg(glyph, status, colour, COLOURS.attention);
    out.set(
      `tray/${file}`,
      platform === 'win' ? await pngToIco([16, 20, 24, 32, 48].map((s) => render(svg, s))) : render(svg, 32),
    );
  }
  return out;
}

async function main(): Promise<void> {
  const resources = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'resources');
  const files = await makeIcons(readFileSync(join(resources, 'icon.svg'), 'utf8'));
  for (const [name, bytes] of files) {
    mkdirSync(dirname(join(resources, name)), { recursive: true });
    writeFileSync(join(resources, name), bytes);
  }
  console.log(`wrote ${files.size} icons to ${resources}`);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await main();
