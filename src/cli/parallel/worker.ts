// What a worker thread does (started from worker-thread.ts): judges the chunks of one file it is sent
// (see chunk.ts) by the setup sent before them, in the order sent.
import { parentPort } from 'node:worker_threads';
import { prepare, renderedBuffers, RenderBuffers, runChunk, type ChunkSetup, type Prepared } from './chunk.js';

type Message = { setup: ChunkSetup } | { chunk: { id: number; bytes: Uint8Array; firstLine: number } } | { written: ArrayBuffer[] };

/** Answers the main thread's messages on this worker thread's port until the thread is stopped. */
export function serveChunks(): void {
  const port = parentPort;
  if (!port) throw new Error('serveChunks runs on a worker thread');
  let ready: Promise<{ setup: ChunkSetup; prepared: Prepared }> | undefined;
  let queue = Promise.resolve();
  const buffers = new RenderBuffers();
  port.on('message', (message: Message) => {
    if ('written' in message) {
      for (const buffer of message.written) buffers.give(buffer);
      return;
    }
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
      const output = await runChunk(setup, prepared, task.bytes, task.firstLine, buffers);
      // The rendered bytes are moved to the main thread, not copied, and come back once written; the
      // chunk's buffer goes back to be read into again.
      const input = task.bytes.buffer as ArrayBuffer;
      port.postMessage({ id: task.id, output, input }, [...renderedBuffers(output), input]);
    });
  });
}
