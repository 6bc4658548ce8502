import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'bench/**/*.test.ts',
      'e2e/**/*.test.ts',
      'electron/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['dist/**', 'dist-dev/**', 'node_modules/**'],
    // Sandbox servers and schedulers run real timers; give slow 2-core CI machines room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
