// Both cores on a large survey: a UTF-8 CSV or NDJSON file past a size is read in two parts. The main
// thread reads the head (where the header is found, title rows and all) itself; the rest is cut into
// chunks of whole records (split.ts) and judged in a pool of worker threads (piscina), at most a few
// chunks ahead, and the outputs are taken back strictly in input order, so reports are written in the
// order of the file and memory stays bounded.
import { availableParallelism } from 'node:os';
import { open, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { detectEncoding } from '../../survey/decode.js';
import { readerFor } from '../../survey/readers.js';
import type { ChunkOutput, ChunkSetup } from './chunk.js';
import { lastBoundary, splitFile, type Chunk } from './split.js';

/** Files smaller than this are read on one thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** The head the main thread reads itself, and the size of each chunk a worker judges. */
const HEAD_BYTES = 2 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;
/** A record longer than this ends the split: the reader refuses it at its line. */
const RECORD_LIMIT = 48 * 1024 * 1024;

export interface SplitPlan {
  /** The head: whole records from the start of the file, header included. */
  head: Uint8Array;
  csv: boolean;
  /** The line the rest starts on. */
  nextLine: number;
  threads: number;
}

/** Whether `file` is worth reading on several threads, and its head if so. */
export async function planSplit(file: string, format: string | undefined, encoding: string | undefined, threads = availableParallelism()): Promise<SplitPlan | undefined> {
  if (threads < 2) return undefined;
  const reader = readerFor(file, format);
  if (reader.format !== 'csv' && reader.format !== 'ndjson') return undefined;
  if (encoding !== undefined && encoding !== 'utf-8') return undefined;
  const size = await stat(file).then((info) => info.size).catch(() => 0);
  if (size < PARALLEL_MIN_BYTES) return undefined;
  const handle = await open(file, 'r');
  let bytes: Uint8Array;
  try {
    const buffer = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (detectEncoding(bytes.subarray(0, 64 * 1024)) !== 'utf-8') return undefined;
  // Lines ending in a carriage return alone are read by the one-thread reader.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lf = buffer.indexOf(10);
  const cr = buffer.indexOf(13);
  if (lf === -1 || (cr !== -1 && cr < lf && buffer[cr + 1] !== 10)) return undefined;
  const csv = reader.format === 'csv';
  const { boundary } = lastBoundary(bytes, 0, bytes.length, false, csv);
  if (boundary === -1) return undefined;
  const head = bytes.slice(0, boundary + 1);
  let lines = 1;
  for (let at = buffer.indexOf(10); at !== -1 && at <= boundary; at = buffer.indexOf(10, at + 1)) lines++;
  return { head, csv, nextLine: lines, threads };
}

/** The worker script, as built: tests run the sources, workers always the built JavaScript. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  const built = resolve(dirname(here), '..', '..', '..', 'dist', 'cli', 'parallel', 'worker.js');
  if (!existsSync(built)) throw new Error(`the worker script ${built} is missing: run npm run build`);
  return built;
}

/**
 * The rest of the file after its head, judged in worker threads; outputs in input order. At most
 * `threads * 2` chunks are in flight, so memory does not grow with the file.
 */
export async function* judgeRest(setup: ChunkSetup, plan: SplitPlan, onBytes?: (bytes: number) => void): AsyncGenerator<ChunkOutput> {
  const pool = new Piscina({ filename: workerFile(), workerData: setup, minThreads: plan.threads, maxThreads: plan.threads, idleTimeout: 100, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
  const pending: { promise: Promise<ChunkOutput>; size: number }[] = [];
  const send = (chunk: Chunk): void => {
    const promise = pool.run({ bytes: chunk.bytes, firstLine: chunk.firstLine }, { transferList: [chunk.bytes.buffer as ArrayBuffer] }) as Promise<ChunkOutput>;
    // A chunk after one that fails is never awaited: its rejection must not go unhandled.
    promise.catch(() => undefined);
    pending.push({ promise, size: chunk.bytes.byteLength });
  };
  try {
    for await (const chunk of splitFile(setup.file, plan.head.length, plan.nextLine, plan.csv, CHUNK_BYTES, RECORD_LIMIT)) {
      send(chunk);
      if (pending.length >= plan.threads * 2) {
        const next = pending.shift() as { promise: Promise<ChunkOutput>; size: number };
        yield await next.promise;
        onBytes?.(next.size);
      }
    }
    while (pending.length > 0) {
      const next = pending.shift() as { promise: Promise<ChunkOutput>; size: number };
      yield await next.promise;
      onBytes?.(next.size);
    }
  } finally {
    await pool.destroy();
  }
}
