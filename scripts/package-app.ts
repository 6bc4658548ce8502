// Packages the desktop app as electron-builder's `--linux dir` target on a machine without an Electron
// binary: a stub executable stands in for Electron (it carries the fuse wire, so the fuses electron-builder
// flips can be read back), nothing is rebuilt, nothing is published. What it produces is the real package
// layout: app.asar, the unpacked natives, the resources. The packaging test and `npm run size` use it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { parse } from 'yaml';

/** Electron's fuse wire starts after this sentinel: version byte, length byte, one byte per fuse. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** The fuses in wire order (@electron/fuses FuseV1Options). */
export const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

export function readBuilderConfig(root = '.'): Configuration {
  return parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
}

/** electron-builder's own check of a configuration against its schema; throws with the problems. */
export async function validateBuilderConfig(config: Configuration): Promise<void> {
  // Its debug logger is only written to when enabled; the findings come back as the thrown error.
  type Logger = Parameters<typeof validateConfiguration>[1];
  await validateConfiguration(config, { isEnabled: false } as Logger);
}

/** A stand-in Electron: a script carrying an all-enabled fuse wire, as a fresh Electron binary does. */
function writeStubElectron(dir: string, version: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = `${FUSE_SENTINEL}\x01${String.fromCharCode(FUSES.length)}${'1'.repeat(FUSES.length)}`;
  writeFileSync(join(dir, 'electron'), `#!/bin/sh\necho "stub Electron: cannot run"\nexit 1\n# ${wire}\n`, {
    mode: 0o755,
  });
  writeFileSync(join(dir, 'version'), version);
}

/** The fuse wire of a packaged executable, by name. */
export function readFuses(executable: string): Record<(typeof FUSES)[number], boolean> {
  const bytes = readFileSync(executable);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error(`${executable} has no fuse wire`);
  const wire = at + FUSE_SENTINEL.length + 2;
  return Object.fromEntries(FUSES.map((name, i) => [name, bytes[wire + i] === 0x31])) as Record<
    (typeof FUSES)[number],
    boolean
  >;
}

/** Builds what the package holds (tsc output is expected to exist; the renderer is built when missing). */
export function ensureRendererBuilt(root = '.'): void {
  if (existsSync(join(root, 'dist', 'renderer', 'index.html'))) return;
  execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** Packages `--linux dir` into `outDir`; answers the unpacked app's folder. */
export async function packageLinuxDir(outDir: string, root = '.'): Promise<string> {
  ensureRendererBuilt(root);
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const stub = join(outDir, 'stub-electron');
  writeStubElectron(stub, electronVersion);
  // electron-builder reads electron-builder.yml itself and merges these over it.
  const config: Configuration = {
    electronDist: stub,
    electronVersion,
    directories: { output: join(outDir, 'out') },
  };
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config,
    publish: 'never',
  });
  return join(outDir, 'out', 'linux-unpacked');
}
