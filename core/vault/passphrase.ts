// The headless fallback: the vault key sealed with a key derived from the user's passphrase by scrypt.
// The passphrase arrives as an argument (config reads WSMCP_PASSPHRASE); it is never stored. A wrong
// passphrase fails the seal's authentication tag, so it is told apart from a tampered vault.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { join } from 'node:path';
import { wrappedKeyBackend, type SecretBackend, type SecretCipher } from './secret-store.js';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): about 128 MiB and a few hundred ms, once per start. */
const DEFAULT_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 8;
export const PASSPHRASE_KEY_FILE = 'vault-key.passphrase';

const MAGIC = Buffer.from('WSPK1');
const SALT = 16;
const IV = 12;
const TAG = 16;
const HEADER = MAGIC.length + 3 + SALT;

function derive(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function passphraseProblem(passphrase: string): string | undefined {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    return `WSMCP_PASSPHRASE is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters`;
  return undefined;
}

/** Layout: "WSPK1" | logN r p | salt(16) | iv(12) | tag(16) | sealed key. The header is authenticated. */
function passphraseCipher(passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): SecretCipher {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new RangeError(problem);
  return {
    async encrypt(plain) {
      const salt = randomBytes(SALT);
      const header = Buffer.concat([MAGIC, Buffer.from([params.logN, params.r, params.p]), salt]);
      const kek = await derive(passphrase, salt, params);
      const iv = randomBytes(IV);
      const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(header);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      kek.fill(0);
      return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
    },
    async decrypt(sealed) {
      if (sealed.length <= HEADER + IV + TAG || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
        throw new Error('not a passphrase-sealed key');
      }
      const [logN = 0, r = 0, p = 0] = sealed.subarray(MAGIC.length, MAGIC.length + 3);
      // The parameters come from the file: bound them, or a doctored file could ask for gigabytes.
      if (logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
        throw new Error('implausible scrypt parameters');
      }
      const header = sealed.subarray(0, HEADER);
      const kek = await derive(passphrase, sealed.subarray(MAGIC.length + 3, HEADER), { logN, r, p });
      try {
        const iv = sealed.subarray(HEADER, HEADER + IV);
        const decipher = createDecipheriv('aes-256-gcm', kek, iv).setAAD(header);
        decipher.setAuthTag(sealed.subarray(HEADER + IV, HEADER + IV + TAG));
        const plain = Buffer.concat([decipher.update(sealed.subarray(HEADER + IV + TAG)), decipher.final()]);
        // Older, weaker parameters get resealed with the current ones.
        const weaker = logN < params.logN || r < params.r || p < params.p;
        return { plain, rewrap: weaker };
      } finally {
        kek.fill(0);
      }
    },
  };
}

export function passphraseBackend(
  passphrase: string,
  dir: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): SecretBackend {
  return wrappedKeyBackend({
    name: 'passphrase',
    description: 'your passphrase (WSMCP_PASSPHRASE)',
    file: join(dir, PASSPHRASE_KEY_FILE),
    cipher: passphraseCipher(passphrase, params),
    unsealFailure: 'wrong_passphrase',
  });
}
