// Freshness windows for tests that run the response cache: the shipped defaults (config.ts), written out
// so a test's expectations do not move when a default is tuned.
import type { FreshSeconds } from '../cache-policy.js';

export const TEST_FRESH_SECONDS: FreshSeconds = {
  timers: 10,
  tasks: 120,
  comments: 120,
  files: 300,
  time: 120,
  activity: 60,
  projects: 600,
  people: 900,
  tags: 900,
  webhooks: 600,
};
