// What the built bundle (src/cli/build-bundle.ts) exports: the CLI for bin/dabiao.js, and the chunk judge a
// worker thread serves (parallel/worker-thread.ts), so both threads run one bundle and one code cache.
export { main } from './main.js';
export { serveChunks } from './parallel/worker.js';
