// The script a worker thread starts from: the built bundle, compiled with its code cache (code-cache.ts),
// serving the chunks the main thread sends (worker.ts).
import { loadBundle } from '../code-cache.js';

loadBundle().exports.serveChunks();
