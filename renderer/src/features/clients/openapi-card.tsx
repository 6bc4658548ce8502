// "OpenAPI": for apps that speak OpenAPI rather than MCP (Open WebUI, workflow tools, scripts). They are given
// the server's URL and a token instead of a config file; the card shows both, the document and the docs page
// where any tool can be tried, and how to connect Open WebUI step by step.
import { useState } from 'react';
import type { OpenApiTokenRequest } from '../../../../shared/api/openapi';
import { CopyButton } from '../../components/copy-button';
import { ErrorState, InlineError, Loading } from '../../components/states';
import { useOpenApi, useOpenApiToken } from './use-clients';

type Scope = NonNullable<OpenApiTokenRequest['scope']>;

function Address({ label, value }: { label: string; value: string }) {
  return (
    <div className="token-box">
      <span className="small muted">{label}</span>
      <code>{value}</code>
      <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}

export function OpenApiCard() {
  const entry = useOpenApi();
  const token = useOpenApiToken();
  const [scope, setScope] = useState<Scope>('write');
  return (
    <section className="card" aria-labelledby="openapi-title" data-slot="openapi">
      <h2 id="openapi-title">OpenAPI</h2>
      <p className="muted">
        For Open WebUI, workflow tools and scripts: every tool as a REST endpoint on this server, with the
        same rules, tokens and call log as MCP.
      </p>
      {entry.isPending ? (
        <Loading />
      ) : entry.isError ? (
        <ErrorState error={entry.error} retry={() => void entry.refetch()} />
      ) : (
        <>
          <Address label="Server URL" value={entry.data.baseUrl} />
          <Address label="Document" value={entry.data.specUrl} />
          <p className="small">
            Try any tool with a token at{' '}
            <a href={entry.data.docsUrl} target="_blank" rel="noreferrer">
              {entry.data.docsUrl}
            </a>
            .
          </p>
          <form
            className="form form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              token.mutate({ scope });
            }}
          >
            <label>
              Token scope
              <select value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
                <option value="write">Read & write (every tool)</option>
                <option value="read">Read only (read tools only)</option>
              </select>
            </label>
            <button type="submit" className="button button-primary" disabled={token.isPending}>
              Make an OpenAPI token
            </button>
          </form>
          <p className="small muted">
            One token, named &ldquo;{entry.data.tokenName}&rdquo;: a new one replaces the previous one.
          </p>
          <InlineError error={token.error} />
          {token.data?.token && (
            <div role="status">
              <p className="small">Copy it now: it is shown only this once.</p>
              <div className="token-box">
                <code data-testid="openapi-token">{token.data.token}</code>
                <CopyButton text={token.data.token} label="Copy token" />
              </div>
            </div>
          )}
          <h3>Connect Open WebUI</h3>
          <ol className="small">
            {(token.data ?? entry.data).steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
