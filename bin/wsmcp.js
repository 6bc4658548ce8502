#!/usr/bin/env node
// Installed entry point: the compiled CLI. From a checkout use `npm run wsmcp -- <command>`, which builds first.
import '../dist/core/cli.js';
