// The callback server's self-signed certificate: Worksection only redirects to https:// URIs, so the
// loopback callback needs one. Generated with @peculiar/x509 over Node's WebCrypto (an ECDSA P-256 key,
// milliseconds to make), stored in the data directory (the key 0600), reused across sign-ins and
// regenerated well before it expires or when it no longer fits (damaged, other key, missing a host).
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { readIfExists, writePrivateFile } from '../vault/private-files.js';

export interface TlsMaterial {
  cert: string;
  key: string;
  notAfter: Date;
}

export const CERT_FILE = 'callback-cert.pem';
export const KEY_FILE = 'callback-key.pem';

/** Every host a redirect URI may name (settings.ts), so one certificate serves them all. */
const DNS_NAMES = ['localhost'];
const IPS = ['127.0.0.1', '::1'];

const DAY = 24 * 60 * 60 * 1000;

export interface CertificateOptions {
  now?: () => number;
  /** Default 365. Browsers cap publicly trusted certificates, not self-signed ones. */
  validityDays?: number;
  /** Regenerate when fewer days than this remain. Default 30. */
  renewBeforeDays?: number;
}

export async function createCertificate(opts: CertificateOptions = {}): Promise<TlsMaterial> {
  // Loaded on first use only: the library needs a Reflect metadata polyfill, a global best kept out of
  // every process that never signs in.
  await import('reflect-metadata');
  // It signs with the global WebCrypto, which in Node is the same object as node:crypto's webcrypto.
  const x509 = await import('@peculiar/x509');
  const now = (opts.now ?? Date.now)();
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive serial number (RFC 5280 4.1.2.2)
  const notAfter = new Date(now + (opts.validityDays ?? 365) * DAY);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: 'CN=localhost, O=Worksection MCP sign-in callback',
    // An hour back absorbs a clock that runs a little behind the browser's.
    notBefore: new Date(now - 60 * 60 * 1000),
    notAfter,
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...DNS_NAMES.map((value) => ({ type: 'dns' as const, value })),
        ...IPS.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { cert: cert.toString('pem'), key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), notAfter };
}

/** Why a stored pair cannot be reused, or undefined when it can. */
export function certificateProblem(
  cert: string,
  key: string,
  now: number,
  renewBeforeDays = 30,
): string | undefined {
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(cert);
    if (!parsed.checkPrivateKey(createPrivateKey(key))) return 'the key does not match the certificate';
  } catch {
    return 'the files are damaged';
  }
  if (Date.parse(parsed.validTo) - now < renewBeforeDays * DAY) return 'it expires soon';
  if (
    DNS_NAMES.some((h) => parsed.checkHost(h) === undefined) ||
    IPS.some((ip) => parsed.checkIP(ip) === undefined)
  ) {
    return 'it does not cover every loopback address';
  }
  return undefined;
}

/** The stored certificate if it is still good, otherwise a new one, stored before it is returned. */
export async function loadOrCreateCertificate(
  dir: string,
  opts: CertificateOptions = {},
): Promise<TlsMaterial & { created: boolean }> {
  const now = (opts.now ?? Date.now)();
  const [cert, key] = await Promise.all([
    readIfExists(join(dir, CERT_FILE)),
    readIfExists(join(dir, KEY_FILE)),
  ]);
  if (cert && key) {
    const pem = { cert: cert.toString('utf8'), key: key.toString('utf8') };
    if (!certificateProblem(pem.cert, pem.key, now, opts.renewBeforeDays)) {
      return { ...pem, notAfter: new Date(new X509Certificate(pem.cert).validTo), created: false };
    }
  }
  const fresh = await createCertificate(opts);
  // The key first: a certificate on disk never points at a key that is not there yet.
  await writePrivateFile(join(dir, KEY_FILE), fresh.key);
  await writePrivateFile(join(dir, CERT_FILE), fresh.cert);
  return { ...fresh, created: true };
}
