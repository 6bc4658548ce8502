import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served by core's control API (same origin as /api), so the build emits relative asset
// paths and lands beside core's output. Nothing is inlined into index.html: its CSP allows no inline
// script or style, and every asset comes from the app's own origin.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
});
