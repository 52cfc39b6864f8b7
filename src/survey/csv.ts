// CSV (RFC 4180: quotes, embedded commas and line breaks, CRLF), streamed as tables of cell spans.
// UTF-8, by far the most common, is not decoded at all on the way in: each block's bytes are checked
// to be valid UTF-8, then read as Latin-1 (one character per byte, so commas, quotes and line breaks
// sit where they are), split into cells by the WebAssembly tokenizer (wasm-tokenizer.ts), and only the
// cells a check reads as text are decoded, each distinct cell once. Other encodings (GB18030, UTF-16)
// are decoded to text first and split by the JavaScript tokenizer (cell-table.ts).
import { isUtf8 } from 'node:buffer';
import { DabiaoError } from '../errors.js';
import { MAX_RECORD_CHARS, tokenize } from './cell-table.js';
import { tokenizeLatin1 } from './wasm-tokenizer.js';
import { decodeText, detectEncoding, withHead, DETECTION_WINDOW, type Encoding } from './decode.js';
import type { RawBlock, StreamReader, TablePart } from './reader.js';

const BLOCK_BYTES = 1 << 20;
/** Bytes read as one Latin-1 text at most. The runtime places a text over 128 KiB apart, in pages of its
 * own mapped afresh for each and freed only by a full collection: read as 1 MB texts, the 12-rule
 * benchmark took over half its page faults there, and every standard over wide records about two
 * thirds. Texts below it are made in the young generation, whose pages are used again. */
export const TEXT_BYTES = 120 * 1024;
/** Bytes read from a file (or put in a chunk for a worker) at a time. */
export const READ_BYTES = 960 * 1024;
/** Records per block at most: a file of short rows gives batches of bounded work (and results) too. */
const BLOCK_ROWS = 4096;
/** With `smallFirstBlocks`, the first blocks hold this many records: the code that judges them is then
 * optimised as whole functions after a few calls, where a first 4,096-record block had it optimised
 * in the middle of its loops and again whole after. Over the 12-rule benchmark at 1,000,000 rows on
 * one thread, the compilations went from 91 to 81 (those in the middle of a loop from 39 to 6) and the
 * run from 3.95 to 3.78 s; on two threads, where compiling competes with judging, from 3.19 to 3.13 s
 * (medians of 8 and 12 alternating runs). */
const FIRST_BLOCK_ROWS = 1024;
const FIRST_BLOCKS = 6;
/** Text per block at most: a block is made of the tables of several texts, up to this many characters
 * (wide records make blocks of a few hundred). */
const BLOCK_TEXT = 1_000_000;

/** Text of UTF-8 bytes held as Latin-1 characters, decoded: ASCII stays as it is, without a copy. */
export function decodeLatin1(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return Buffer.from(text, 'latin1').toString('utf8');
  return text;
}

function tablePart(text: string, table: TablePart['table'], latin1: boolean): TablePart {
  return latin1 ? { table, decode: (start, end) => decodeLatin1(text.slice(start, end)), decodeText: decodeLatin1 } : { table };
}

export const csvReader: StreamReader = {
  format: 'csv',
  extensions: ['.csv'],
  async *read(bytes, file, options): AsyncGenerator<RawBlock> {
    let encoding: Encoding = options.encoding ?? 'utf-8';
    const source = withHead(bytes, DETECTION_WINDOW, (head) => {
      if (!options.encoding) encoding = detectEncoding(head);
      options.onEncoding?.(encoding);
    });
    let line = options.firstLine ?? 1;
    let carry = '';
    let records = 0;
    // The tables of the block being gathered, their records and their texts' length.
    let parts: TablePart[] = [];
    let partRows = 0;
    let partText = 0;
    let blocks = 0;
    let blockRows = options.smallFirstBlocks ? FIRST_BLOCK_ROWS : BLOCK_ROWS;
    const flush = function* (): Generator<RawBlock> {
      if (parts.length > 0) {
        if (++blocks >= FIRST_BLOCKS) blockRows = BLOCK_ROWS;
        yield { kind: 'table', parts };
      }
      parts = [];
      partRows = 0;
      partText = 0;
    };
    const split = function* (text: string, final: boolean, latin1: boolean): Generator<RawBlock> {
      let rest = text;
      for (;;) {
        const { table, consumed, nextLine, limited } = (latin1 ? tokenizeLatin1 : tokenize)(rest, line, final, file, blockRows - partRows);
        line = nextLine;
        records += table.rows;
        if (table.rows > 0) {
          parts.push(tablePart(rest, table, latin1));
          partRows += table.rows;
          partText += consumed;
        }
        if (partRows >= blockRows || partText >= BLOCK_TEXT) yield* flush();
        rest = rest.slice(consumed);
        if (!limited) break;
      }
      carry = rest;
      if (!final && carry.length > MAX_RECORD_CHARS) throw new DabiaoError({ code: 'cell-too-large', params: {}, location: { file, line } });
    };
    const iterator = source[Symbol.asyncIterator]();
    const first = await iterator.next();
    const rest = (async function* () {
      if (!first.done) yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })();
    if (encoding === 'utf-8') {
      let pending: Buffer = Buffer.alloc(0);
      let start = true;
      for await (const chunk of rest) {
        let buffer = pending.length > 0 ? Buffer.concat([pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (start) {
          if (line === 1 && buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) buffer = buffer.subarray(3);
          buffer = crOnly(buffer);
          start = false;
        }
        const lastLf = buffer.lastIndexOf(10);
        if (lastLf === -1 && buffer.length < BLOCK_BYTES * 64) {
          pending = buffer;
          continue;
        }
        const cut = lastLf === -1 ? buffer.length : lastLf + 1;
        const part = buffer.subarray(0, cut);
        checkBytes(part, carry, line, file);
        for (const text of latin1Pieces(part)) yield* split(carry + text, false, true);
        pending = Buffer.from(buffer.subarray(cut));
      }
      if (start) pending = crOnly(pending);
      checkBytes(pending, carry, line, file);
      for (const text of latin1Pieces(pending)) yield* split(carry + text, false, true);
      yield* split(carry, true, true);
    } else {
      for await (const text of decodeText(rest, file, { encoding })) yield* split(carry + text, false, false);
      yield* split(carry, true, false);
    }
    yield* flush();
    if (records === 0) throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
  },
};

/** `bytes` as Latin-1 texts of at most TEXT_BYTES each where lines allow, as few as that takes and of
 * about equal size (a batch is made of each), each but the last ending with a line feed; a line longer
 * than that is one text of its own length. */
function* latin1Pieces(bytes: Buffer): Generator<string> {
  const size = Math.ceil(bytes.length / Math.ceil(bytes.length / TEXT_BYTES));
  for (let from = 0; from < bytes.length; ) {
    let to = bytes.length;
    if (to - from > TEXT_BYTES) {
      const lf = bytes.lastIndexOf(10, from + size - 1);
      const next = lf >= from ? lf : bytes.indexOf(10, from + size);
      if (next !== -1) to = next + 1;
    }
    yield bytes.toString('latin1', from, to);
    from = to;
  }
}

/** Files whose lines end in a carriage return alone (old Mac exports): read as line feeds. */
function crOnly(buffer: Buffer): Buffer {
  const lf = buffer.indexOf(10);
  const cr = buffer.indexOf(13);
  if (cr === -1 || (lf !== -1 && lf < cr) || buffer[cr + 1] === 10) return buffer;
  const copy = Buffer.from(buffer);
  for (let i = copy.indexOf(13); i !== -1; i = copy.indexOf(13, i + 1)) if (copy[i + 1] !== 10) copy[i] = 10;
  return copy;
}

/** Refuse bytes that are not UTF-8, or a NUL, at the line they are on: never mojibake in the data. */
function checkBytes(part: Buffer, carry: string, line: number, file: string): void {
  const lineAt = (offset: number): number => {
    let count = line;
    for (let i = carry.indexOf('\n'); i !== -1; i = carry.indexOf('\n', i + 1)) count++;
    for (let i = part.indexOf(10); i !== -1 && i < offset; i = part.indexOf(10, i + 1)) count++;
    return count;
  };
  const nul = part.indexOf(0);
  if (nul !== -1) throw new DabiaoError({ code: 'nul-byte', params: {}, location: { file, line: lineAt(nul) } });
  if (isUtf8(part)) return;
  // Locate the first byte that does not decode: the error path only, so a second decode is fine.
  const lenient = new TextDecoder('utf-8').decode(part);
  const bad = Buffer.byteLength(lenient.slice(0, lenient.indexOf('\uFFFD')), 'utf8');
  throw new DabiaoError({ code: 'survey-encoding', params: { encoding: 'UTF-8' }, location: { file, line: lineAt(bad) } });
}
