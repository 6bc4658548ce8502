// Files only the user may read: created 0600 inside a 0700 directory, replaced atomically (a crash leaves
// the old file or the new one, never half of each). Mode bits are POSIX-only; on Windows the user's
// profile directory already keeps other users out.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Creates the directory (and parents) and makes sure it is 0700 even if it already existed. */
async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix) await chmod(dir, PRIVATE_DIR_MODE);
}

/** Writes through a temporary file in the same directory, fsyncs it, then renames it over `file`. */
export async function writePrivateFile(file: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(file);
  await ensurePrivateDir(dir);
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    const handle = await open(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/** The file's bytes, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

// Makes the rename itself durable. Directories cannot be opened for sync on Windows; nothing to do there.
async function syncDir(dir: string): Promise<void> {
  if (!posix) return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
