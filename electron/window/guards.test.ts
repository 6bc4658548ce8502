import { describe, expect, it } from 'vitest';
import { isAllowedExternal, navigationDecision, permissionDecision, windowOpenDecision } from './guards.js';
import { windowOptions } from './options.js';

const UI = 'http://127.0.0.1:7341';

describe('window options', () => {
  it('isolates and sandboxes the page, without Node, with only the preload', () => {
    const o = windowOptions({ preload: '/app/preload.cjs', dark: false, devTools: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(o.show).toBe(false);
    expect(windowOptions({ preload: 'p', dark: true, devTools: true }).backgroundColor).toBe('#1e1f22');
  });
});

describe('navigation guard', () => {
  it('keeps in-app navigation on the exact UI origin', () => {
    expect(navigationDecision(`${UI}/#/logs`, UI)).toEqual({ allow: true });
    expect(navigationDecision(`${UI}/api/status`, UI)).toEqual({ allow: true });
    // Same host, another port (another local server), or another loopback name: not the UI.
    expect(navigationDecision('http://127.0.0.1:7342/', UI)).toEqual({ allow: false });
    expect(navigationDecision('http://localhost:7341/', UI)).toEqual({ allow: false });
    expect(navigationDecision('https://127.0.0.1:7341/', UI)).toEqual({ allow: false });
  });

  it('sends allowed links to the system browser instead of navigating', () => {
    expect(navigationDecision('https://acme.worksection.com/project/1/', UI)).toEqual({
      allow: false,
      openExternal: 'https://acme.worksection.com/project/1/',
    });
  });

  it('blocks everything else without opening it anywhere', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://worksection.com/',
      'https://worksection.com.evil.example/',
      'https://evilworksection.com/',
      'https://user:pw@github.com/',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
    ]) {
      expect(navigationDecision(url, UI), url).toEqual({ allow: false });
    }
  });
});

describe('window.open and permissions', () => {
  it('never opens an Electron window; allow-listed links go to the browser', () => {
    expect(windowOpenDecision('https://github.com/org/repo/releases')).toEqual({
      action: 'deny',
      openExternal: 'https://github.com/org/repo/releases',
    });
    expect(windowOpenDecision(`${UI}/popup`)).toEqual({ action: 'deny' });
    expect(windowOpenDecision('https://example.com/')).toEqual({ action: 'deny' });
  });

  it('the allow-list is https and its hosts with their subdomains only', () => {
    expect(isAllowedExternal('https://worksection.com/')).toBe(true);
    expect(isAllowedExternal('https://WWW.Worksection.com/en/')).toBe(true);
    expect(isAllowedExternal('https://modelcontextprotocol.io/docs')).toBe(true);
    expect(isAllowedExternal('http://github.com/')).toBe(false);
  });

  it('denies every permission', () => {
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal'])
      expect(permissionDecision(p)).toBe(false);
  });
});

describe('origins core trusts (the consent page and the account)', () => {
  const trusted = ['http://127.0.0.1:9123', 'https://sso.example.org'];

  it('opens exactly those origins in the system browser, also over loopback http', () => {
    const consent = 'http://127.0.0.1:9123/oauth2/authorize?client_id=x';
    expect(windowOpenDecision(consent, trusted)).toEqual({ action: 'deny', openExternal: consent });
    expect(navigationDecision('https://sso.example.org/a', UI, trusted)).toEqual({
      allow: false,
      openExternal: 'https://sso.example.org/a',
    });
  });

  it('nothing near them: another port, another scheme, credentials, or without being trusted', () => {
    for (const url of [
      'http://127.0.0.1:9124/oauth2/authorize',
      'https://127.0.0.1:9123/',
      'http://user:pw@127.0.0.1:9123/',
      'file:///127.0.0.1:9123',
      'http://sso.example.org/',
    ])
      expect(isAllowedExternal(url, trusted), url).toBe(false);
    expect(isAllowedExternal('http://127.0.0.1:9123/oauth2/authorize')).toBe(false);
  });
});
