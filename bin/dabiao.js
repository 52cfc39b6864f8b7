#!/usr/bin/env node
// The only place that touches the process exit code: the CLI itself returns it.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
