// A worker thread: judges the chunks of one file it is sent (see chunk.ts), in the order sent.
import { parentPort, workerData } from 'node:worker_threads';
import { prepare, runChunk, type ChunkSetup } from './chunk.js';

const setup = workerData as ChunkSetup;
const prepared = await prepare(setup);
let queue = Promise.resolve();

parentPort?.on('message', (task: { id: number; bytes: Uint8Array; firstLine: number }) => {
  queue = queue.then(async () => {
    const output = await runChunk(setup, prepared, task.bytes, task.firstLine);
    // The rendered bytes are moved to the main thread, not copied; the chunk's buffer goes back to be read into again.
    const transfer = output.rendered.flatMap((rendered) => (rendered ? [rendered.body.buffer, ...(rendered.records ? [rendered.records.buffer] : [])] : []));
    const input = task.bytes.buffer as ArrayBuffer;
    parentPort?.postMessage({ id: task.id, output, input }, [...(transfer as ArrayBuffer[]), input]);
  });
});
