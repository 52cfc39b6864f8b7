// The CSV tokenizer for text of one byte a character (UTF-8 read as Latin-1, csv.ts), in WebAssembly:
// tokenize.wat finds the commas, line feeds and quotes sixteen bytes at a time and reads quoted cells
// without a line break; the JavaScript tokenizer (cell-table.ts) reads the records it leaves (a quoted
// line break, a stray quote), and any text when the module is not there (a build without it, a runtime
// without WebAssembly SIMD). Both give the same table for the same text.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenize, type Tokenized } from './cell-table.js';

/** Texts longer than this (a line of its own beyond the reader's 120 KiB texts) are split in JavaScript:
 * the module's memory is made once, for texts up to this size, and never grown. */
export const WASM_TEXT_LIMIT = 256 * 1024;

/** The part of the runtime's WebAssembly API used here (TypeScript declares its values with the DOM's
 * types only). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** A mutable global of the module, read and set from here. */
interface WasmGlobal {
  value: number;
}

interface TokenizerExports {
  memory: { buffer: ArrayBuffer };
  layout(cellStart: number, cellEnd: number, rowStart: number, lines: number, escapedCells: number): void;
  tokenize(n: number, from: number, line: number, rows: number, cells: number, final: number, maxRows: number): number;
  rows: WasmGlobal;
  cells: WasmGlobal;
  consumed: WasmGlobal;
  nextLine: WasmGlobal;
  limited: WasmGlobal;
  quotedAt: WasmGlobal;
  /** Cells the module read with a doubled quote inside, listed at ESCAPED_CELLS. */
  escaped: WasmGlobal;
}

/** The module's memory: the text, 16 bytes to spare (a last 16-byte load past its end), then the arrays,
 * each room for as many entries as the text has bytes and two (a cell per byte at most, and its end). */
const ENTRIES = WASM_TEXT_LIMIT + 2;
const TEXT_ROOM = WASM_TEXT_LIMIT + 16;
const CELL_START = TEXT_ROOM;
const CELL_END = CELL_START + 4 * ENTRIES;
const ROW_START = CELL_END + 4 * ENTRIES;
const LINES = ROW_START + 4 * ENTRIES;
/** Room for 4,096 cells with a doubled quote (tokenize.wat leaves any more to JavaScript). */
const ESCAPED_CELLS = LINES + 4 * ENTRIES;
const MEMORY_BYTES = ESCAPED_CELLS + 4 * 4096;

/** The module and views of its memory, made once (the memory never grows, so they stay valid). */
interface Tokenizer {
  exports: TokenizerExports;
  bytes: Buffer;
  cellStart: Int32Array;
  cellEnd: Int32Array;
  rowStart: Int32Array;
  lines: Int32Array;
  escapedCells: Int32Array;
}

let loaded: Tokenizer | null | undefined;

/** The module as built beside this file (dist/survey/), or, run from the sources (tests), in dist/. */
function moduleBytes(): Uint8Array | undefined {
  const beside = new URL('./tokenize.wasm', import.meta.url);
  const built = new URL('../../dist/survey/tokenize.wasm', import.meta.url);
  for (const url of [beside, built]) if (existsSync(fileURLToPath(url))) return readFileSync(url);
  return undefined;
}

function instantiate(): Tokenizer | null {
  const bytes = moduleBytes();
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!bytes || !wasm || !wasm.validate(bytes)) return null;
  const instance = new wasm.Instance(new wasm.Module(bytes), {});
  const exports = instance.exports as unknown as TokenizerExports;
  // The module declares its memory at full size: growing it would detach the memory's buffer, and a
  // runtime that has seen a buffer detached recompiles its code with a check at every typed array access.
  if (exports.memory.buffer.byteLength < MEMORY_BYTES) return null;
  exports.layout(CELL_START, CELL_END, ROW_START, LINES, ESCAPED_CELLS);
  const memory = exports.memory.buffer;
  return {
    exports,
    bytes: Buffer.from(memory),
    cellStart: new Int32Array(memory, CELL_START, ENTRIES),
    cellEnd: new Int32Array(memory, CELL_END, ENTRIES),
    rowStart: new Int32Array(memory, ROW_START, ENTRIES),
    lines: new Int32Array(memory, LINES, ENTRIES),
    escapedCells: new Int32Array(memory, ESCAPED_CELLS, 4096),
  };
}

/** Whether the WebAssembly tokenizer is in use (tests check that they exercise it). */
export function wasmTokenizerLoaded(): boolean {
  loaded ??= instantiate();
  return loaded !== null;
}

/**
 * `tokenize` (cell-table.ts) for text of one byte a character: the same table, consumed text, next line
 * and limit, the same errors at the same lines.
 */
export function tokenizeLatin1(text: string, firstLine: number, final: boolean, file: string, maxRows = Number.POSITIVE_INFINITY): Tokenized {
  loaded ??= instantiate();
  const n = text.length;
  if (loaded === null || n > WASM_TEXT_LIMIT) return tokenize(text, firstLine, final, file, maxRows);
  const { exports, bytes } = loaded;
  bytes.write(text, 0, n, 'latin1');
  exports.escaped.value = 0;
  const limit = Math.min(maxRows, 0x7fffffff);
  const unescaped = new Map<number, string>();
  let from = 0;
  let line = firstLine;
  let rows = 0;
  let cells = 0;
  let consumed: number;
  let nextLine: number;
  let limited: boolean;
  for (;;) {
    const quoted = exports.tokenize(n, from, line, rows, cells, final ? 1 : 0, limit);
    rows = exports.rows.value;
    cells = exports.cells.value;
    consumed = exports.consumed.value;
    nextLine = exports.nextLine.value;
    limited = exports.limited.value === 1;
    if (quoted === 0) break;
    // A record with a quote, read by the JavaScript tokenizer (which refuses a malformed one at its line).
    const start = exports.quotedAt.value;
    const one = tokenize(text.slice(start), nextLine, final, file, 1);
    if (one.table.rows === 0) break; // it runs past this text: read again with the next
    for (let i = 0; i < one.table.cellStart.length; i++) {
      loaded.cellStart[cells + i] = start + (one.table.cellStart[i] as number);
      loaded.cellEnd[cells + i] = start + (one.table.cellEnd[i] as number);
    }
    for (const [index, own] of one.table.unescaped) unescaped.set(cells + index, own);
    loaded.lines[rows] = nextLine;
    loaded.rowStart[rows] = cells;
    rows++;
    cells += one.table.cellStart.length;
    from = start + one.consumed;
    line = one.nextLine;
    consumed = from;
    nextLine = line;
    limited = from < n && rows >= limit;
    if (from >= n || rows >= limit) break;
  }
  loaded.rowStart[rows] = cells;
  const cellStart = loaded.cellStart.slice(0, cells);
  const cellEnd = loaded.cellEnd.slice(0, cells);
  const escaped = exports.escaped.value;
  if (escaped > 0) {
    // Doubled quotes undone as the JavaScript tokenizer undoes them; the cells in order, as it lists them.
    for (const cell of loaded.escapedCells.subarray(0, escaped)) unescaped.set(cell, text.slice(cellStart[cell], cellEnd[cell]).replace(/""/g, '"'));
    const inOrder = [...unescaped].sort((a, b) => a[0] - b[0]);
    unescaped.clear();
    for (const [cell, own] of inOrder) unescaped.set(cell, own);
  }
  return {
    table: {
      text,
      rows,
      lines: loaded.lines.slice(0, rows),
      rowStart: loaded.rowStart.slice(0, rows + 1),
      cellStart,
      cellEnd,
      unescaped,
    },
    consumed,
    nextLine,
    limited,
  };
}
