// The workbook's zip, read through its central directory (yauzl): parts are found by name wherever
// they lie in the file and inflated as streams, so nothing is spooled to disk and a worksheet stored
// before the parts that describe it costs nothing. Every part's inflated size and CRC-32 are checked
// against the central directory, as the part is read.
import { Transform, pipeline, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import { XlsxError } from './limits.js';

/** CRC-32 as zip computes it: zlib's own where Node has it (20.15+), else a table. */
const crc32: (data: Buffer, previous: number) => number = typeof zlib.crc32 === 'function' ? zlib.crc32 : tableCrc32;

let crcTable: Uint32Array | undefined;
function tableCrc32(data: Buffer, previous: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = ~previous >>> 0;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** Zip part names are compared without case, as OPC part names are. */
const key = (name: string): string => name.replace(/^\/+/, '').toLowerCase();

/** Only these parts are ever read; other entries (images, printer settings) are not kept. */
const READABLE = /\.(xml|rels)$/i;
/** Longer names are no part a reader looks for. */
const MAX_NAME = 1024;

export interface PartStreamOptions {
  /** Refuse the part if the zip directory declares more bytes (it may not inflate to more). */
  maxBytes?: number;
  onTooLarge?: (bytes: number) => Error;
  /** Told of compressed bytes as they are read from the file, for progress. */
  onCompressedBytes?: (bytes: number) => void;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Inflated bytes counted and checked against the central directory: size and CRC-32. */
function checker(part: string, entry: yauzl.Entry): Transform {
  let size = 0;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > entry.uncompressedSize) return done(new XlsxError(`${part}: more data than the zip directory declares`));
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      if (size !== entry.uncompressedSize) return done(new XlsxError(`${part}: ${size} bytes, the zip directory declares ${entry.uncompressedSize}`));
      if (crc >>> 0 !== entry.crc32 >>> 0) return done(new XlsxError(`${part}: CRC-32 mismatch (the part is corrupted)`));
      done();
    },
  });
}

export class Zip {
  private readonly entries = new Map<string, yauzl.Entry>();
  private readonly streams = new Set<Readable | Transform>();

  private constructor(private readonly zip: yauzl.ZipFile) {
    // Errors closing the descriptor arrive as events, after the reading is over: an unhandled one
    // would crash the process.
    zip.on('error', () => undefined);
  }

  /** Opens the zip and lists its parts; the file is closed again if this fails. */
  static async open(file: string, maxEntries: number, onTooMany: () => Error): Promise<Zip> {
    const handle = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(toError(error)) : resolve(zip)));
    }).catch((error: unknown) => {
      throw new XlsxError(`not a zip archive: ${toError(error).message.split('. ')[0] ?? ''}`);
    });
    const zip = new Zip(handle);
    try {
      if (handle.entryCount > maxEntries) throw onTooMany();
      await zip.list();
      return zip;
    } catch (error) {
      await zip.close();
      throw error;
    }
  }

  get fileSize(): number {
    return this.zip.fileSize;
  }

  private list(): Promise<void> {
    const zip = this.zip;
    return new Promise<void>((resolve, reject) => {
      const done = (error?: unknown): void => {
        zip.removeListener('entry', onEntry);
        zip.removeListener('end', onEnd);
        zip.removeListener('error', onError);
        if (error === undefined) resolve();
        else reject(new XlsxError(`zip directory: ${toError(error).message}`));
      };
      const onEntry = (entry: yauzl.Entry): void => {
        const name = entry.fileName;
        if (name.length <= MAX_NAME && READABLE.test(name) && !this.entries.has(key(name))) this.entries.set(key(name), compact(entry));
        zip.readEntry();
      };
      const onEnd = (): void => done();
      const onError = (error: unknown): void => done(error ?? new Error('unknown error'));
      zip.on('entry', onEntry);
      zip.once('end', onEnd);
      zip.once('error', onError);
      zip.readEntry();
    });
  }

  has(name: string): boolean {
    return this.entries.has(key(name));
  }

  /** The part's inflated bytes as a stream; destroyed by close() if not read to the end. */
  async open(name: string, options: PartStreamOptions = {}): Promise<AsyncIterable<Buffer>> {
    const entry = this.entries.get(key(name));
    if (!entry) throw new XlsxError(`${name}: missing`);
    if (entry.isEncrypted()) throw new XlsxError(`${name}: encrypted`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new XlsxError(`${name}: unsupported compression method ${entry.compressionMethod}`);
    if (options.maxBytes !== undefined && entry.uncompressedSize > options.maxBytes) {
      throw options.onTooLarge?.(entry.uncompressedSize) ?? new XlsxError(`${name}: too large`);
    }
    const raw = await this.zip.openReadStreamPromise(entry, { decodeFileData: false }).catch((error: unknown) => {
      throw new XlsxError(`${name}: ${toError(error).message}`);
    });
    const chain: (Readable | Transform)[] = [raw];
    if (options.onCompressedBytes) {
      const report = options.onCompressedBytes;
      chain.push(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            report(chunk.length);
            done(null, chunk);
          },
        }),
      );
    }
    if (entry.compressionMethod === 8) chain.push(zlib.createInflateRaw());
    chain.push(checker(name, entry));
    for (const stream of chain) this.streams.add(stream);
    // Errors reach the consumer through the last stream, which pipeline destroys with them.
    const last = pipeline(chain, () => undefined) as Transform;
    return named(name, last);
  }

  /** Destroys every stream still open and closes the file; resolves once the descriptor is closed. */
  async close(): Promise<void> {
    for (const stream of this.streams) stream.destroy();
    this.streams.clear();
    if (!this.zip.isOpen) return;
    await new Promise<void>((resolve) => {
      this.zip.once('close', () => resolve());
      this.zip.close();
    });
  }
}

/** Keeps only what reading an entry needs, not the name, extra field and comment buffers behind it. */
function compact(entry: yauzl.Entry): yauzl.Entry {
  const copy = new yauzl.Entry();
  copy.fileName = entry.fileName;
  copy.compressedSize = entry.compressedSize;
  copy.uncompressedSize = entry.uncompressedSize;
  copy.compressionMethod = entry.compressionMethod;
  copy.generalPurposeBitFlag = entry.generalPurposeBitFlag;
  copy.relativeOffsetOfLocalHeader = entry.relativeOffsetOfLocalHeader;
  copy.crc32 = entry.crc32;
  return copy;
}

/** The stream's chunks, with any zip or inflate error named after the part. */
async function* named(name: string, stream: Transform): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new XlsxError(`${name}: ${toError(error).message}`);
  }
}
