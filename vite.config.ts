import { defineConfig } from 'vite';

// The renderer is served by core's control API in production (same origin as /api), so the build
// emits relative asset paths and lands beside core's output.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
});
