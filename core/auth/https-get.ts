// A GET over HTTPS that trusts one given certificate (our self-signed callback), for the demo's built-in
// "browser" and for tests that play the browser. fetch() cannot be told to trust an extra CA.
import { request } from 'node:https';

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpsGet(url: string, ca: string, timeoutMs = 30_000): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', ca, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${new URL(url).host} in time`)));
    req.on('error', reject);
    req.end();
  });
}
