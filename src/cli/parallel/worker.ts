// What a worker thread does (started from worker-thread.ts): judges the chunks of one file it is sent
// (see chunk.ts) by the setup sent before them, in the order sent.
import { parentPort } from 'node:worker_threads';
import { prepare, runChunk, type ChunkSetup, type Prepared } from './chunk.js';

type Message = { setup: ChunkSetup } | { chunk: { id: number; bytes: Uint8Array; firstLine: number } };

/** Answers the main thread's messages on this worker thread's port until the thread is stopped. */
export function serveChunks(): void {
  const port = parentPort;
  if (!port) throw new Error('serveChunks runs on a worker thread');
  let ready: Promise<{ setup: ChunkSetup; prepared: Prepared }> | undefined;
  let queue = Promise.resolve();
  port.on('message', (message: Message) => {
    if ('setup' in message) {
      const setup = message.setup;
      ready = prepare(setup).then((prepared) => ({ setup, prepared }));
      return;
    }
    const task = message.chunk;
    const judged = ready;
    queue = queue.then(async () => {
      if (!judged) throw new Error('a chunk came before its setup');
      const { setup, prepared } = await judged;
      const output = await runChunk(setup, prepared, task.bytes, task.firstLine);
      // The rendered bytes are moved to the main thread, not copied; the chunk's buffer goes back to be read into again.
      const transfer = output.rendered.flatMap((rendered) => (rendered ? [rendered.body.buffer, ...(rendered.records ? [rendered.records.buffer] : [])] : []));
      const input = task.bytes.buffer as ArrayBuffer;
      port.postMessage({ id: task.id, output, input }, [...(transfer as ArrayBuffer[]), input]);
    });
  });
}
