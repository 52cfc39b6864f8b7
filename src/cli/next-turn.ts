// Back to the event loop between batches: reading a block from memory never waits on I/O, so without
// this a signal (Ctrl-C), a progress tick or a worker's answer would wait for the whole file or chunk.
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
