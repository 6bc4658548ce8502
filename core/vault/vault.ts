// The encrypted secrets record of one data directory: AES-256-GCM (authenticated) under a random 256-bit
// key held by a SecretBackend. A flipped byte anywhere fails authentication and becomes a typed
// VaultUnreadableError; the vault is never replaced for that unless the caller passes the user's word
// (`overwriteUnreadable`, e.g. a new sign-in), and even then the old file is kept aside, not deleted.
//
// File layout: "WSV1" | name length (1) | backend name | iv (12) | tag (16) | ciphertext. The header
// names the backend that holds the key (so a later start picks the same one) and is authenticated too.
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { rememberSecret } from '../store/redaction.js';
import { VaultUnreadableError } from './errors.js';
import { readIfExists, writePrivateFile } from './private-files.js';
import { secretsOf, secretsRecordSchema, type SecretsRecord } from './record.js';
import { BACKEND_NAME, type SecretBackend } from './secret-store.js';

const MAGIC = Buffer.from('WSV1');
const IV = 12;
const TAG = 16;
const KEY = 32;

export const VAULT_FILE = 'vault.bin';

interface Parsed {
  backend: string;
  header: Buffer;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

function parse(bytes: Buffer): Parsed | undefined {
  if (bytes.length < MAGIC.length + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const nameEnd = MAGIC.length + 1 + (bytes[MAGIC.length] ?? 0);
  const backend = bytes.subarray(MAGIC.length + 1, nameEnd).toString('latin1');
  if (!BACKEND_NAME.test(backend) || bytes.length < nameEnd + IV + TAG) return undefined;
  return {
    backend,
    header: bytes.subarray(0, nameEnd),
    iv: bytes.subarray(nameEnd, nameEnd + IV),
    tag: bytes.subarray(nameEnd + IV, nameEnd + IV + TAG),
    body: bytes.subarray(nameEnd + IV + TAG),
  };
}

/** The backend an existing vault was locked with; undefined when there is no (recognisable) vault. */
export async function readVaultHeader(file: string): Promise<{ backend: string } | undefined> {
  const bytes = await readIfExists(file);
  const parsed = bytes && parse(bytes);
  return parsed ? { backend: parsed.backend } : undefined;
}

/** The decrypted body, or undefined when `key` does not authenticate it. */
function openSealed(key: Buffer, parsed: Parsed): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv).setAAD(parsed.header);
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
  } catch {
    return undefined;
  }
}

export interface UpdateOptions {
  /** The user's word: replace an unreadable vault (kept aside as vault.bin.unreadable-<time>). */
  overwriteUnreadable?: boolean;
}

export class Vault {
  private key: Buffer | undefined;
  private cached: { record: SecretsRecord; signature: string } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    readonly backend: SecretBackend,
  ) {}

  /** The record ({} when there is no vault yet). Re-reads when the file changed on disk. */
  async read(): Promise<SecretsRecord> {
    const signature = await this.signature();
    if (signature === undefined) {
      // Erased (maybe by another process, with its key): the next write asks the holder afresh.
      this.key = undefined;
      this.cached = undefined;
      return {};
    }
    if (this.cached?.signature === signature) return structuredClone(this.cached.record);
    const record = await this.decrypt(await this.io(() => readFile(this.file)));
    for (const secret of secretsOf(record)) rememberSecret(secret);
    this.cached = { record, signature };
    return structuredClone(record);
  }

  /** Read-modify-write, one at a time. Resolves once the new record is on disk. */
  update(
    mutate: (record: SecretsRecord) => SecretsRecord | void,
    opts: UpdateOptions = {},
  ): Promise<SecretsRecord> {
    const run = async () => {
      let current: SecretsRecord;
      try {
        current = await this.read();
      } catch (err) {
        if (!(err instanceof VaultUnreadableError) || !opts.overwriteUnreadable) throw err;
        await this.setAside();
        current = {};
      }
      const next = secretsRecordSchema.parse(mutate(current) ?? current);
      await this.write(next);
      return structuredClone(next);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }

  /** Removes the vault and its key: only on the user's explicit word (sign out, reset). */
  async erase(): Promise<void> {
    await this.queue;
    await rm(this.file, { force: true });
    await this.backend.delete();
    this.key?.fill(0);
    this.key = undefined;
    this.cached = undefined;
  }

  private async decrypt(bytes: Buffer): Promise<SecretsRecord> {
    const parsed = parse(bytes);
    if (!parsed) throw new VaultUnreadableError('corrupt', { file: this.file });
    if (parsed.backend !== this.backend.name) {
      if (parsed.backend === 'memory') throw new VaultUnreadableError('key_missing', { file: this.file });
      throw new VaultUnreadableError('key_unavailable', {
        file: this.file,
        detail: `its key is held by "${parsed.backend}", not by ${this.backend.description}`,
      });
    }
    // A key kept from an earlier read may be stale: another process (`wsmcp logout` then `wsmcp login`)
    // can have re-keyed the vault, so a failure with it is retried once with the holder's current key.
    const cached = this.key;
    let opened = cached && openSealed(cached, parsed);
    if (!opened) {
      const key = await this.backend.get();
      if (!key) throw new VaultUnreadableError('key_missing', { file: this.file });
      if (cached === undefined || !key.equals(cached)) opened = openSealed(key, parsed);
      if (!opened) throw new VaultUnreadableError('tampered', { file: this.file });
      this.key = key;
    }
    const plain = opened;
    try {
      return secretsRecordSchema.parse(JSON.parse(plain.toString('utf8')));
    } catch (err) {
      throw new VaultUnreadableError('corrupt', { file: this.file }, { cause: err });
    } finally {
      plain.fill(0);
    }
  }

  private async write(record: SecretsRecord): Promise<void> {
    for (const secret of secretsOf(record)) rememberSecret(secret);
    const key = this.key ?? (await this.createKey());
    const name = Buffer.from(this.backend.name, 'latin1');
    const header = Buffer.concat([MAGIC, Buffer.from([name.length]), name]);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(header);
    const body = Buffer.concat([cipher.update(JSON.stringify(record), 'utf8'), cipher.final()]);
    await writePrivateFile(this.file, Buffer.concat([header, iv, cipher.getAuthTag(), body]));
    const signature = await this.signature();
    this.cached = signature === undefined ? undefined : { record: structuredClone(record), signature };
  }

  // Reuses a key the backend already holds (the vault file may just have been deleted); otherwise makes
  // one and proves the backend kept it before anything is encrypted with it.
  private async createKey(): Promise<Buffer> {
    const existing = await this.backend.get().catch(() => null);
    if (existing?.length === KEY) return (this.key = existing);
    const key = randomBytes(KEY);
    await this.backend.set(key);
    const back = await this.backend.get();
    if (!back || back.length !== KEY || !timingSafeEqual(back, key)) {
      throw new Error(`${this.backend.description} did not keep the vault key`);
    }
    return (this.key = key);
  }

  private async setAside(): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(this.file, `${this.file}.unreadable-${stamp}`).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    this.key?.fill(0);
    this.key = undefined;
    this.cached = undefined;
    // A fresh key: whatever held the old one (a wrong passphrase, a lost keychain entry) is not trusted.
    const key = randomBytes(KEY);
    await this.backend.set(key);
    this.key = key;
  }

  private async signature(): Promise<string | undefined> {
    try {
      const s = await stat(this.file);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw this.ioError(err);
    }
  }

  private async io<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.ioError(err);
    }
  }

  private ioError(err: unknown): VaultUnreadableError {
    const code = (err as NodeJS.ErrnoException).code ?? 'I/O error';
    const detail = `${code}: check the file's permissions`;
    return new VaultUnreadableError('io', { file: this.file, detail }, { cause: err });
  }
}
