// A large survey file cut into chunks of whole records, for worker threads: each chunk ends at a line
// feed outside any quoted cell (CSV; NDJSON lines hold no raw line feed), and knows the line it starts
// on, so every record keeps its own line number. Quotes are tracked across the whole file: a chunk
// boundary never falls inside a quoted cell that spans lines.
import { open } from 'node:fs/promises';

export interface Chunk {
  index: number;
  bytes: Uint8Array;
  /** The line the chunk's first record starts on. */
  firstLine: number;
}

const LF = 10;
const QUOTE = 34;

/** The last line feed of `bytes[from, to)` outside quotes, given whether `from` is inside quotes; and
 * the quote state at `to`. */
export function lastBoundary(bytes: Uint8Array, from: number, to: number, quoted: boolean, csv: boolean): { boundary: number; quoted: boolean } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!csv) return { boundary: buffer.lastIndexOf(LF, to - 1) >= from ? buffer.lastIndexOf(LF, to - 1) : -1, quoted: false };
  let boundary = -1;
  let inside = quoted;
  let at = from;
  while (at < to) {
    let quote = buffer.indexOf(QUOTE, at);
    if (quote === -1 || quote >= to) quote = to;
    if (!inside) {
      const lf = buffer.lastIndexOf(LF, quote - 1);
      if (lf >= at) boundary = lf;
    }
    if (quote === to) break;
    inside = !inside;
    at = quote + 1;
  }
  return { boundary, quoted: inside };
}

/** The line feeds in `bytes`. */
export function countLines(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = buffer.indexOf(LF); at !== -1; at = buffer.indexOf(LF, at + 1)) count++;
  return count;
}

/** Room before a chunk's bytes in its buffer for the unfinished record carried in from the last one. */
export const CARRY_ROOM = 64 * 1024;

/**
 * Buffers for chunks of `size` bytes read behind CARRY_ROOM, used again once their chunk is judged: a
 * file read in thousands of chunks does not make a new buffer of megabytes for each (which the
 * allocator then holds on to in fragments, so memory grew with the file). A buffer moved to a worker
 * comes back with its answer.
 */
export class ChunkBuffers {
  private readonly free: ArrayBuffer[] = [];
  private readonly capacity: number;

  constructor(
    readonly size: number,
    private readonly keep = 8,
  ) {
    this.capacity = CARRY_ROOM + size;
  }

  take(): Uint8Array {
    const free = this.free.pop();
    return free ? new Uint8Array(free) : new Uint8Array(this.capacity);
  }

  /** A buffer whose chunk is judged; one moved elsewhere meanwhile (detached) or not of this pool is dropped. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === this.capacity && this.free.length < this.keep) this.free.push(buffer);
  }
}

/**
 * The chunks of `file` from byte `start` (a record boundary, outside quotes) to its end, each about
 * `buffers.size` bytes and ending at a record boundary. A record longer than `limit` bytes stops the split
 * (the reader then refuses it at its line). The next read is under way while a chunk is judged.
 */
export async function* splitFile(file: string, start: number, firstLine: number, csv: boolean, buffers: ChunkBuffers, limit: number): AsyncGenerator<Chunk> {
  const handle = await open(file, 'r');
  // Each read lands CARRY_ROOM bytes into a buffer of its own; the carried record is put just before it.
  const read = (position: number): Promise<{ buffer: Uint8Array; bytesRead: number }> => {
    const buffer = buffers.take();
    return handle.read(buffer, CARRY_ROOM, buffers.size, position).then(({ bytesRead }) => ({ buffer, bytesRead }));
  };
  let next: Promise<{ buffer: Uint8Array; bytesRead: number }> | undefined;
  try {
    let position = start;
    let line = firstLine;
    let carry: Uint8Array = new Uint8Array(0);
    let index = 0;
    next = read(position);
    for (;;) {
      const { buffer, bytesRead } = await (next as Promise<{ buffer: Uint8Array; bytesRead: number }>);
      next = undefined;
      position += bytesRead;
      if (bytesRead > 0) next = read(position);
      // The chunk is a view of one buffer, which moves to a worker whole: only the carried record is copied.
      let data: Uint8Array;
      if (carry.length <= CARRY_ROOM) {
        buffer.set(carry, CARRY_ROOM - carry.length);
        data = buffer.subarray(CARRY_ROOM - carry.length, CARRY_ROOM + bytesRead);
      } else {
        data = new Uint8Array(carry.length + bytesRead);
        data.set(carry, 0);
        data.set(buffer.subarray(CARRY_ROOM, CARRY_ROOM + bytesRead), carry.length);
        buffers.give(buffer.buffer as ArrayBuffer);
      }
      if (bytesRead === 0) {
        if (data.length > 0) yield { index: index++, bytes: data, firstLine: line };
        return;
      }
      // The quote state at the start of `data` is the state at the last boundary, which is outside quotes.
      const found = lastBoundary(data, 0, data.length, false, csv);
      if (found.boundary === -1) {
        if (data.length > limit) {
          yield { index: index++, bytes: data, firstLine: line };
          return;
        }
        carry = data;
        continue;
      }
      const bytes = data.subarray(0, found.boundary + 1);
      carry = data.slice(found.boundary + 1);
      // Counted before the chunk is handed over: a worker takes its bytes (they are transferred, not copied).
      const first = line;
      line += countLines(bytes);
      yield { index: index++, bytes, firstLine: first };
    }
  } finally {
    // A read still under way finishes before the file is closed.
    await next?.catch(() => undefined);
    await handle.close();
  }
}
