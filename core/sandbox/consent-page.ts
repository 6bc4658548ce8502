// The sandbox's stand-in for Worksection's login + account choice + approval pages: one HTML form that
// picks the user to sign in as, lists the requested scopes and re-posts the authorize parameters.
// Everything echoed comes from the request or the data, so everything is escaped.
import type { Scope } from '../worksection/actions.js';
import type { UserRec } from './model.js';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface ConsentPageInput {
  accountUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scope: string;
  scopes: readonly Scope[];
  users: UserRec[];
  defaultUserId: number;
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}code{background:#f2f2f2;padding:0 .25rem;border-radius:3px;word-break:break-all}
ul{padding-left:1.2rem}select{font:inherit;width:100%;padding:.3rem}.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font:inherit;padding:.45rem 1.2rem;border-radius:4px;border:1px solid #888;background:#fff;cursor:pointer}
button.approve{background:#2e7d32;border-color:#2e7d32;color:#fff}.note{color:#666;font-size:.85rem}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}

export function consentPage(input: ConsentPageInput): string {
  const hidden = (name: string, value: string): string =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const options = input.users
    .map((u) => {
      const selected = u.id === input.defaultUserId ? ' selected' : '';
      const label = `${u.firstName} ${u.lastName} (${u.email}), ${u.role}`;
      return `<option value="${u.id}"${selected}>${escapeHtml(label)}</option>`;
    })
    .join('\n');
  const scopes = input.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('\n');
  return page(
    'Authorize access: Worksection sandbox',
    `<h1>Authorize access to the Worksection sandbox</h1>
<p>The application <code>${escapeHtml(input.clientId)}</code> asks to access
<code>${escapeHtml(input.accountUrl)}</code> with these permissions:</p>
<ul>
${scopes}
</ul>
<form method="post" action="/oauth2/authorize">
${hidden('client_id', input.clientId)}
${hidden('redirect_uri', input.redirectUri)}
${hidden('state', input.state)}
${hidden('scope', input.scope)}
${hidden('response_type', 'code')}
<label for="user_id">Sign in as</label>
<select id="user_id" name="user_id">
${options}
</select>
<p class="note">You will be sent back to <code>${escapeHtml(input.redirectUri)}</code>.</p>
<div class="actions">
<button class="approve" type="submit" name="approve" value="yes">Approve</button>
<button type="submit" name="approve" value="no">Deny</button>
</div>
</form>`,
  );
}

export function errorPage(message: string): string {
  return page(
    'Authorization failed: Worksection sandbox',
    `<h1>Authorization failed</h1>
<p>${escapeHtml(message)}</p>
<p class="note">The application sent an invalid authorization request; nothing was shared with it.</p>`,
  );
}
