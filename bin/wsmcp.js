#!/usr/bin/env node
// Installed entry point: the bundled CLI (scripts/bundle-cli.ts). From a checkout use `npm run wsmcp -- <command>`,
// which builds first.
import '../dist/bundle/cli.js';
