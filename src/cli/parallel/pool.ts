// Both cores on a large survey: a UTF-8 CSV or NDJSON file past a size is read in two parts. The main
// thread reads the head (where the header is found, title rows and all) itself; the rest is cut into
// chunks of whole records (split.ts), judged by worker threads and by the main thread itself, and the
// outputs are taken back strictly in input order, so reports are written in the order of the file and
// memory stays bounded. Each worker is sent a couple of chunks ahead: it never waits for the main
// thread, which judges a chunk whenever every worker has enough queued (a pool that hands a worker
// its next task only when the main thread is free left the worker idle while the main thread judged).
import { availableParallelism } from 'node:os';
import { open, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { detectEncoding } from '../../survey/decode.js';
import { readerFor } from '../../survey/readers.js';
import { HEADER_SEARCH_ROWS } from '../../survey/table-rows.js';
import { READ_BYTES } from '../../survey/csv.js';
import { prepare, renderedBuffers, RenderBuffers, runChunk, type ChunkOutput, type ChunkSetup } from './chunk.js';
import { ChunkBuffers, countLines, lastBoundary, splitFile, type Chunk } from './split.js';
import { YoungGenerationHold } from './young-generation.js';
import { OldGenerationLimit } from './old-generation.js';

/** Files smaller than this are read on one thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** What is read to plan the split (encoding, line length); the head the main thread judges itself is
 * the first HEAD_MIN_BYTES of it, or more to hold over HEAD_MIN_LINES lines: the header is sought among
 * the first rows (HEADER_SEARCH_ROWS), below any title rows. */
const HEAD_BYTES = 2 * 1024 * 1024;
const HEAD_MIN_BYTES = 64 * 1024;
const HEAD_MIN_LINES = 3 * HEADER_SEARCH_ROWS;
/** A chunk holds about one block of the CSV reader (4,096 records or 1 MB of text, csv.ts), within
 * these sizes: short records make chunks of one block (at 2 MiB, a million 250-byte records peaked
 * 10-25 MiB higher, no faster), long ones chunks of two (at 1 MiB, 5 KB records ran 10-25% slower: a
 * chunk's fixed costs over 190 records). */
const CHUNK_RECORDS = 4096;
const MIN_CHUNK_BYTES = READ_BYTES;
const MAX_CHUNK_BYTES = 2 * READ_BYTES;
/** A record longer than this ends the split: the reader refuses it at its line. */
const RECORD_LIMIT = 48 * 1024 * 1024;

export interface SplitPlan {
  /** The head: whole records from the start of the file, header included. */
  head: Uint8Array;
  csv: boolean;
  /** The line the rest starts on. */
  nextLine: number;
  threads: number;
  /** The size of each chunk after the head, from the head's average line length. */
  chunkBytes: number;
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
  const last = lastBoundary(bytes, 0, bytes.length, false, csv).boundary;
  if (last === -1) return undefined;
  // The line after the record ending at `boundary`.
  const linesTo = (boundary: number): number => countLines(bytes.subarray(0, boundary + 1)) + 1;
  // Chunks are sized by the average line of everything read.
  const chunkBytes = Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, Math.ceil((last + 1) / Math.max(1, linesTo(last) - 1)) * CHUNK_RECORDS));
  // The head judged here before any worker can start is kept short: enough lines to find the header
  // below any title rows. (Judged by a cold, not yet optimised main thread, the first 2 MiB took
  // about 0.25 s while the workers waited.)
  let boundary = last;
  for (let limit = HEAD_MIN_BYTES; limit <= last; limit *= 2) {
    const found = lastBoundary(bytes, 0, limit, false, csv).boundary;
    if (found !== -1 && linesTo(found) > HEAD_MIN_LINES) {
      boundary = found;
      break;
    }
  }
  return { head: bytes.slice(0, boundary + 1), csv, nextLine: linesTo(boundary), threads, chunkBytes };
}

/** The worker script, as built: tests run the sources, workers always the built bundle. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker-thread.js');
  const built = resolve(dirname(here), '..', '..', '..', 'dist', 'cli', 'parallel', 'worker-thread.js');
  if (!existsSync(built)) throw new Error(`the worker script ${built} is missing: run npm run build`);
  return built;
}

/** A worker's young generation: it holds the texts of the block being judged (up to 1 MB, csv.ts),
 * so they die young. At 2 MiB they outlived every collection and were promoted: the 12-rule benchmark
 * at 1,000,000 rows ran 3.57-3.81 s against 2.62-3.34 s at this size, with about half the page faults
 * and no more memory (181-189 MiB); wide records were about 10% faster at this size already. */
const WORKER_YOUNG_MB = 16;

/** Chunks queued at each worker: one being judged, one waiting, so it never idles between them. */
const AHEAD = 2;

/**
 * A worker thread judging the chunks it is sent, one after another, answering each in turn. It starts
 * loading its code when made, and waits for its setup without keeping the process alive, so a run
 * can start it before it has loaded the standards it will pass on.
 */
export class ChunkWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (output: ChunkOutput) => void; reject: (error: unknown) => void }>();
  private next = 0;
  private onBuffer: (buffer: ArrayBuffer) => void = () => undefined;
  private stopped = false;
  /** The worker's heap is made and its code running. */
  readonly online: Promise<void>;

  /** `hold`: the main thread's young generation, held at this worker's size (`hold.youngMb`) while they judge a file. */
  constructor(readonly hold: YoungGenerationHold) {
    this.worker = new Worker(workerFile(), { resourceLimits: { maxYoungGenerationSizeMb: hold.youngMb } });
    this.online = new Promise((resolve, reject) => {
      this.worker.once('online', () => resolve());
      this.worker.once('exit', () => reject(new Error('a worker thread stopped before it started')));
    });
    this.online.catch(() => undefined);
    this.worker.unref();
    this.worker.on('message', (message: { id: number; output: ChunkOutput; input?: ArrayBuffer }) => {
      if (message.input) this.onBuffer(message.input);
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      waiter?.resolve(message.output);
    });
    const fail = (error: unknown): void => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a worker thread stopped (exit code ${code})`)));
  }

  /** What to judge the chunks that follow by; the buffers of judged chunks go to `onBuffer`. */
  begin(setup: ChunkSetup, onBuffer: (buffer: ArrayBuffer) => void): void {
    this.onBuffer = onBuffer;
    this.worker.ref();
    this.worker.postMessage({ setup });
  }

  get queued(): number {
    return this.waiting.size;
  }

  judge(chunk: Chunk): Promise<ChunkOutput> {
    const id = this.next++;
    const output = new Promise<ChunkOutput>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ chunk: { id, bytes: chunk.bytes, firstLine: chunk.firstLine } }, [chunk.bytes.buffer as ArrayBuffer]);
    return output;
  }

  /** Buffers of this worker's rendered texts, written: back to be rendered into again. */
  written(buffers: ArrayBuffer[]): void {
    if (!this.stopped && buffers.length > 0) this.worker.postMessage({ written: buffers }, buffers);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.hold.release();
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** The workers a split file is judged by besides the main thread. */
export function startWorkers(plan: SplitPlan): ChunkWorker[] {
  const hold = new YoungGenerationHold(WORKER_YOUNG_MB);
  hold.beforeWorkers();
  const workers = Array.from({ length: plan.threads - 1 }, () => new ChunkWorker(hold));
  Promise.all(workers.map((worker) => worker.online)).then(
    () => hold.workersOnline(),
    () => hold.release(),
  );
  return workers;
}

interface Pending {
  output: Promise<ChunkOutput>;
  settled: boolean;
  size: number;
  /** Who judged it (null: the main thread), to give its rendered buffers back to. */
  by: ChunkWorker | null;
}

/**
 * The rest of the file after its head, judged by `threads - 1` workers (`started` ones, or new) and the
 * main thread; outputs in input order. Outputs waiting for an earlier one are bounded, so memory does
 * not grow with the file. An output's rendered bytes are the caller's until it asks for the next one:
 * written by then (a sink is done with bytes once their write resolves), their buffers go back to the
 * thread that rendered them. The workers are stopped at the end.
 */
export async function* judgeRest(setup: ChunkSetup, plan: SplitPlan, onBytes?: (bytes: number) => void, started?: ChunkWorker[]): AsyncGenerator<ChunkOutput> {
  const buffers = new ChunkBuffers(plan.chunkBytes);
  const workers = started ?? startWorkers(plan);
  for (const worker of workers) worker.begin(setup, (buffer) => buffers.give(buffer));
  const local = await prepare(setup);
  const localBuffers = new RenderBuffers();
  const oldGeneration = new OldGenerationLimit();
  const pending: Pending[] = [];
  const track = (output: Promise<ChunkOutput>, size: number, by: ChunkWorker | null): void => {
    const entry: Pending = { output, settled: false, size, by };
    // A chunk after one that fails is never awaited: its rejection must not go unhandled.
    output.then(
      () => void (entry.settled = true),
      () => void (entry.settled = true),
    );
    pending.push(entry);
  };
  const take = async (): Promise<{ output: ChunkOutput; by: ChunkWorker | null }> => {
    const entry = pending.shift() as Pending;
    const output = await entry.output;
    onBytes?.(entry.size);
    return { output, by: entry.by };
  };
  // Hands an output over; once the caller asks for the next, its rendered buffers go back.
  const hand = function* ({ output, by }: { output: ChunkOutput; by: ChunkWorker | null }): Generator<ChunkOutput> {
    yield output;
    const written = renderedBuffers(output);
    if (by) by.written(written);
    else for (const buffer of written) localBuffers.give(buffer);
  };
  try {
    for await (const chunk of splitFile(setup.file, plan.head.length, plan.nextLine, plan.csv, buffers, RECORD_LIMIT)) {
      const size = chunk.bytes.byteLength;
      const worker = workers.filter((candidate) => candidate.queued < AHEAD).sort((a, b) => a.queued - b.queued)[0];
      if (worker) track(worker.judge(chunk), size, worker);
      else {
        track(Promise.resolve(await runChunk(setup, local, chunk.bytes, chunk.firstLine, localBuffers)), size, null);
        workers[0]?.hold.check();
        oldGeneration.check();
        // Judged: nothing refers to its bytes any more (cells were copied out as text).
        buffers.give(chunk.bytes.buffer as ArrayBuffer);
      }
      while (pending.length > 0 && (pending[0] as Pending).settled) yield* hand(await take());
      if (pending.length > workers.length * AHEAD + 2) yield* hand(await take());
    }
    while (pending.length > 0) yield* hand(await take());
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}
