#!/usr/bin/env node
// The only place that touches the process exit code: the CLI itself returns it. It runs from the
// built bundle, compiled with the code cache the build made of it (dist/cli/code-cache.js).
import { loadBundle } from '../dist/cli/code-cache.js';

process.exitCode = await loadBundle().exports.main(process.argv.slice(2));
