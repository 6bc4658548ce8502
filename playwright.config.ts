// Browser tests of the UI: Debian's Chromium (scripts/ensure-system-deps.sh installs it; nothing is ever
// downloaded) against the real server, which each spec starts itself (`wsmcp serve --demo`) on 127.0.0.1.
// Project "ui" is the suite `npm test` runs; "screenshots" writes docs/screenshots/ (`npm run screenshots`).
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/ui/testing/browser';

export default defineConfig({
  testDir: 'e2e/ui',
  outputDir: 'test-results/ui',
  // One server per spec file and two cores shared with the server and the sandbox: one worker.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 860 },
    // The OAuth callback page is HTTPS with the app's own self-signed certificate.
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    trace: 'off',
  },
  projects: [
    { name: 'ui', testMatch: /.*\.spec\.ts$/ },
    { name: 'screenshots', testMatch: /screenshots\.shot\.ts$/ },
  ],
});
