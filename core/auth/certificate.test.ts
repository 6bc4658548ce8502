import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CERT_FILE,
  certificateProblem,
  createCertificate,
  KEY_FILE,
  loadOrCreateCertificate,
} from './certificate.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsmcp-cert-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const DAY = 86_400_000;

describe('the callback certificate', () => {
  it('covers every loopback name, is for a server, and matches its key', async () => {
    const { cert, key, notAfter } = await createCertificate({ now: () => Date.UTC(2026, 0, 1) });
    const x = new X509Certificate(cert);
    expect(x.checkHost('localhost')).toBe('localhost');
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x.checkIP('::1')).toBe('::1');
    expect(x.ca).toBe(false);
    expect(x.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
    expect(notAfter.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(certificateProblem(cert, key, Date.UTC(2026, 0, 1))).toBeUndefined();
  });

  it('is stored with a 0600 key and reused while it is good', async () => {
    const first = await loadOrCreateCertificate(dir);
    expect(first.created).toBe(true);
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    }
    const again = await loadOrCreateCertificate(dir);
    expect(again.created).toBe(false);
    expect(again.cert).toBe(first.cert);
  });

  it('is regenerated 30 days before it expires', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const first = await loadOrCreateCertificate(dir, { now: () => t0 });
    const stillGood = await loadOrCreateCertificate(dir, { now: () => t0 + 330 * DAY });
    expect(stillGood.created).toBe(false);
    const renewed = await loadOrCreateCertificate(dir, { now: () => t0 + 340 * DAY });
    expect(renewed.created).toBe(true);
    expect(renewed.cert).not.toBe(first.cert);
    expect(await readFile(join(dir, CERT_FILE), 'utf8')).toBe(renewed.cert);
  });

  it('is regenerated when the files are damaged or do not belong together', async () => {
    const first = await loadOrCreateCertificate(dir);
    const other = await createCertificate();
    await writeFile(join(dir, KEY_FILE), other.key);
    expect(certificateProblem(first.cert, other.key, Date.now())).toBe(
      'the key does not match the certificate',
    );
    expect((await loadOrCreateCertificate(dir)).created).toBe(true);
    await writeFile(join(dir, CERT_FILE), 'garbage');
    expect((await loadOrCreateCertificate(dir)).created).toBe(true);
  });
});
