// The pages the browser shows at the end of a sign-in. Whatever they echo (Worksection's error text comes
// from the redirect's query string, i.e. from whoever crafted the link) is escaped, and the page loads
// nothing: no scripts, no external resources, no referrer leaking the code.

function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface CallbackPage {
  title: string;
  message: string;
  ok: boolean;
}

export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  // One answer per connection: the server closes as soon as the sign-in is decided.
  connection: 'close',
};

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#222}
h1{font-size:1.35rem}.ok{color:#2e7d32}.error{color:#b3261e}p.note{color:#666;font-size:.9rem}`;

export function renderPage(page: CallbackPage): string {
  const cls = page.ok ? 'ok' : 'error';
  const note = page.ok
    ? 'You can close this tab and return to Worksection MCP.'
    : 'Close this tab and start the sign-in again from Worksection MCP.';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}: Worksection MCP</title><style>${STYLE}</style></head>
<body><main>
<h1 class="${cls}">${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>
<p class="note">${note}</p>
</main></body>
</html>
`;
}
