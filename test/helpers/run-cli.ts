// The CLI as a real process from the sources (`node --import tsx test/helpers/run-cli.ts …`), for tests
// that must see the process's own exit code and stderr: a promise that never settles exits 13, an
// uncaught error prints a stack, neither of which an in-process run shows.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
