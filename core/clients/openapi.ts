// OpenAPI clients (Open WebUI, workflow tools, scripts) have no config file of ours to write: they are
// given a URL and a token. This makes that token (one per app, named "OpenAPI", replaced on each new
// connect like a client's) and says how to connect Open WebUI, for `wsmcp connect openapi` and the UI.
import type { OpenApiConnection } from '../../shared/api/openapi.js';
import type { ClientTokenStore, Scope } from './clients-service.js';

export const OPENAPI_TOKEN_NAME = 'OpenAPI';

export interface OpenApiConnectDeps {
  tokens: Pick<ClientTokenStore, 'create' | 'revoke'>;
  /** The app's origin: http://127.0.0.1:PORT. */
  origin: string;
  corsOrigins: readonly string[];
}

function steps(origin: string, corsOrigins: readonly string[]): string[] {
  const browser = corsOrigins.length
    ? `Browser-side tool servers may call from ${corsOrigins.join(', ')} (config.json openapi.corsOrigins).`
    : 'For a tool server added in your own Settings (called from the browser), allow the Open WebUI page ' +
      'first: add its origin to config.json, e.g. "openapi": { "corsOrigins": ["http://localhost:3000"] }, ' +
      'and restart the app.';
  return [
    'Open WebUI runs on this computer (the app answers on 127.0.0.1 only; in Docker use --network=host).',
    'In Open WebUI open Admin Panel → Settings → Tools or External Tools (for everyone, called by the Open WebUI server) or Settings → Tools (just you, called from your browser) and add a tool server (+).',
    `URL: ${origin}   OpenAPI spec: openapi.json   Auth: Bearer, with the token below. Save.`,
    browser,
    'In a chat, switch the Worksection tools on under the + (integrations) button.',
    `Try any tool first at ${origin}/docs ("Authorize" with the token).`,
  ];
}

/** Where and how to connect; with `scope`, also a new token (the previous OpenAPI token stops working). */
export function openApiConnection(deps: OpenApiConnectDeps, scope?: Scope): OpenApiConnection {
  const connection: OpenApiConnection = {
    baseUrl: deps.origin,
    specPath: 'openapi.json',
    specUrl: `${deps.origin}/openapi.json`,
    docsUrl: `${deps.origin}/docs`,
    tokenName: OPENAPI_TOKEN_NAME,
    scope: scope ?? 'write',
    corsOrigins: [...deps.corsOrigins],
    steps: steps(deps.origin, deps.corsOrigins),
  };
  if (scope) {
    deps.tokens.revoke(OPENAPI_TOKEN_NAME);
    connection.token = deps.tokens.create(OPENAPI_TOKEN_NAME, scope).token;
  }
  return connection;
}

/** The connection as text for a terminal. */
export function openApiText(c: OpenApiConnection): string {
  const lines = [
    `OpenAPI server  ${c.baseUrl}`,
    `Document        ${c.specUrl}`,
    `Try the tools   ${c.docsUrl}`,
    c.token
      ? `Token           ${c.token}   (${c.scope} scope, named "${c.tokenName}"; shown only now)`
      : `Token           none made: \`wsmcp connect openapi --print\` makes one (replacing the previous "${c.tokenName}" token)`,
    '',
    'Open WebUI:',
    ...c.steps.map((step, i) => `  ${i + 1}. ${step}`),
  ];
  return lines.join('\n');
}
