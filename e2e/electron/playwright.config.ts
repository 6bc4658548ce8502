// The Electron end-to-end specs: the built app (dist/) in a real Electron, over the demo sandbox account.
// They need an Electron binary; without one each spec reports itself skipped with the reason.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
