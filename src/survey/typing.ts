// Each cell parsed once, into its field's type, by the data dictionary: numbers into Float64Arrays,
// yes/no into bytes, enum values into codes, lists into interned item lists, with the state of every
// cell (read, missing, unreadable, out of range) and the text of the unreadable ones kept beside.
// Cells repeat (levels, area types, facility lists), so parses are memoised per field; plain numbers
// are read straight from the text they sit in, without a copy.
import { CELL_MISSING, CELL_OK, CELL_OUT_OF_RANGE, CELL_UNPARSEABLE, type Column, type Conversion, type ItemList, type Parsed } from '../batch.js';
import type { Dictionary, FieldDef } from '../model.js';
import { roundNoise } from '../numbers.js';
import { normaliseName, ownCopy } from '../text.js';
import { isPlainText, parseValue } from './values.js';
import type { CellTable } from './cell-table.js';
import { SpanMemo } from './span-memo.js';
import type { ColumnArena } from './column-arena.js';

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Distinct cell texts remembered per field; past it the memo starts again (memory stays flat). */
const MEMO_LIMIT = 4096;
/** Free-text cells of a field looked at before deciding whether remembering them pays. */
const TEXT_TRIAL = 1024;
/** Cells this short (in bytes) are remembered by their bytes as a number: 6 bytes and a length stay below 2^53. */
const SHORT_CELL = 6;
/** The bytes of a short cell (Latin-1 text, a byte a character) and their count, as one number. */
function shortKey(text: string, start: number, end: number): number {
  let key = end - start;
  for (let i = start; i < end; i++) key = key * 256 + text.charCodeAt(i);
  return key;
}

/** Yes/no and enum cells longer than SHORT_CELL but at most this many bytes (village, township,
 * renovated) are compared in place against the first WORDS such cells of their field. */
const WORD_CELL = 24;
const WORDS = 8;

/** Distinct item lists interned at once; past it the table starts again (memory stays flat). */
const INTERN_LIMIT = 4096;

/** Interns item lists: the same canonical items give the same ItemList, whichever cell text they came from. */
export class ItemLists {
  private readonly byKey = new Map<string, ItemList>();
  private next = 0;

  intern(items: readonly string[]): ItemList {
    const key = items.join('\u0000');
    let list = this.byKey.get(key);
    if (!list) {
      const owned = items.map(ownCopy);
      list = { id: this.next++, items: owned, keys: new Set(owned.map(normaliseName)) };
      if (this.byKey.size >= INTERN_LIMIT) this.byKey.clear();
      this.byKey.set(ownCopy(key), list);
    }
    return list;
  }
}

type Cell = { state: number; value: number; text?: string; list?: ItemList; raw?: string; converted?: Conversion };

/** The parse of one field's cells, memoised, shared by every batch of a file. */
export class FieldParser {
  private readonly memo = new Map<string, Cell>();
  /** Keyed by the cell's undecoded text (a CSV block's bytes as Latin-1): decoded once per distinct cell. */
  private readonly byteMemo = new SpanMemo<Cell>();
  /** Cells of at most SHORT_CELL bytes (是, 否, codes), keyed by their bytes read as one number: no slice, no string hash. */
  private readonly shortMemo = new Map<number, Cell>();
  /** Yes/no and enum cells of SHORT_CELL to WORD_CELL bytes: the first WORDS distinct ones (as their
   * undecoded text) and their cells. A field of a few codes finds every cell among them, without a
   * slice or a hash; a field of many never churns them. */
  private readonly words: string[] = [];
  private readonly wordCells: Cell[] = [];
  private readonly codes: string[];
  private readonly codeIndex: Map<string, number>;
  readonly type: Column['type'];
  /** A list's entries outside the vocabulary the run checks lists against (one per run, like the
   * parser), worked out once per interned list; held no longer than the list. */
  readonly unknownItems = new WeakMap<ItemList, readonly string[]>();
  /** Cells looked up by their span and not found: for free text, counted over its first cells. */
  private spanMisses = 0;
  private textLooked = 0;
  private textRemembered: boolean | undefined;

  constructor(
    readonly def: FieldDef,
    private readonly dictionary: Dictionary,
    private readonly lists: ItemLists,
  ) {
    this.codes = Object.keys(def.values ?? {});
    this.codeIndex = new Map(this.codes.map((code, i) => [code, i]));
    this.type = def.type === 'number' || def.type === 'integer' ? 'number' : def.type === 'boolean' ? 'boolean' : def.type === 'enum' ? 'enum' : def.type === 'list' ? 'list' : 'text';
  }

  /** A cell from any value (JSON number, array, text). */
  cell(raw: unknown): Cell {
    // Free text (ids, names) rarely repeats: remembering it would only churn the memo.
    if (typeof raw === 'string' && this.type !== 'text') {
      let cell = this.memo.get(raw);
      if (!cell) {
        if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
        cell = this.fromParsed(parseValue(raw, this.def, this.dictionary));
        this.memo.set(ownCopy(raw), cell);
      }
      return cell;
    }
    return this.fromParsed(parseValue(raw, this.def, this.dictionary));
  }

  /** A cell given by its undecoded text (`key`, the span start…end of the block): decoded and read
   * on the first sight of that text only. */
  cellFromBytes(text: string, decode: (start: number, end: number) => string, start: number, end: number): Cell {
    if (this.type === 'text' && !this.remembersText()) return this.cell(decode(start, end));
    if (this.type !== 'text' && end - start <= SHORT_CELL) {
      let cell = this.seenShort(text, start, end);
      if (!cell) {
        if (this.shortMemo.size >= MEMO_LIMIT) this.shortMemo.clear();
        cell = this.cell(decode(start, end));
        this.shortMemo.set(shortKey(text, start, end), cell);
      }
      return cell;
    }
    let cell = this.byteMemo.get(text, start, end);
    if (!cell) {
      this.spanMisses++;
      cell = this.cell(decode(start, end));
      this.byteMemo.set(text, start, end, cell);
    }
    if ((this.type === 'enum' || this.type === 'boolean') && end - start <= WORD_CELL && this.words.length < WORDS && this.seenWord(text, start, end) === undefined) {
      this.words.push(ownCopy(text.slice(start, end)));
      this.wordCells.push(cell);
    }
    return cell;
  }

  /** Free text is remembered only where it repeats (a region, a township): decided once, on the field's
   * first TEXT_TRIAL cells, by whether at least half of them had been seen before. Ids and names rarely
   * repeat, and remembering them would only churn the memo. */
  private remembersText(): boolean {
    if (this.textLooked < TEXT_TRIAL) {
      this.textLooked++;
      return true;
    }
    return (this.textRemembered ??= this.spanMisses * 2 <= TEXT_TRIAL);
  }

  /** The cell of an undecoded yes/no, enum or list text seen before, if it is remembered: a short one
   * by its bytes, a word among the field's first few, any other by its span. */
  seen(text: string, start: number, end: number): Cell | undefined {
    const length = end - start;
    if (length <= SHORT_CELL) return this.seenShort(text, start, end);
    return (length <= WORD_CELL ? this.seenWord(text, start, end) : undefined) ?? this.byteMemo.get(text, start, end);
  }

  /** The cell of an undecoded text among the field's first distinct words, if it is one. */
  seenWord(text: string, start: number, end: number): Cell | undefined {
    const length = end - start;
    const words = this.words;
    next: for (let k = 0; k < words.length; k++) {
      const word = words[k] as string;
      if (word.length !== length) continue;
      for (let i = 0; i < length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) continue next;
      return this.wordCells[k];
    }
    return undefined;
  }

  /** The cell of a short undecoded text seen before, if it was. */
  private seenShort(text: string, start: number, end: number): Cell | undefined {
    return this.shortMemo.get(shortKey(text, start, end));
  }

  private fromParsed(parsed: Parsed): Cell {
    if (!parsed.ok) return parsed.problem === 'missing' ? { state: CELL_MISSING, value: 0 } : { state: parsed.problem === 'out-of-range' ? CELL_OUT_OF_RANGE : CELL_UNPARSEABLE, value: 0, raw: parsed.raw };
    const value = parsed.value;
    switch (this.type) {
      case 'number':
        return { state: CELL_OK, value: value as number, ...(parsed.converted ? { converted: parsed.converted } : {}) };
      case 'boolean':
        return { state: CELL_OK, value: value === true ? 1 : 0 };
      case 'enum':
        return { state: CELL_OK, value: this.codeIndex.get(value as string) ?? 0 };
      case 'list':
        return { state: CELL_OK, value: 0, list: this.lists.intern(value as readonly string[]) };
      case 'text':
        return { state: CELL_OK, value: 0, text: value as string };
    }
  }

  /** A plain number written in ASCII digits (with at most one point) between `start` and `end` of
   * `text`, read in place; NaN when the cell needs the full reading (units, 万, Chinese numerals …). */
  plainNumber(text: string, start: number, end: number): number {
    if (start === end || end - start > 15) return Number.NaN;
    let value = 0;
    let point = -1;
    for (let i = start; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit >= 0 && digit <= 9) value = value * 10 + digit;
      // One decimal point, with digits on both sides, in a field that allows decimals.
      else if (digit === -2 && point === -1 && i > start && i < end - 1 && this.def.type === 'number') point = i;
      else return Number.NaN;
    }
    // The digits read as a whole number, scaled once and rounded as the full reading rounds (roundNoise).
    if (point !== -1) value = roundNoise(value / POWERS_OF_TEN[end - point - 1]!);
    return this.inRange(value) ? value : Number.NaN;
  }

  private inRange(value: number): boolean {
    return (this.def.min === undefined || value >= this.def.min) && (this.def.max === undefined || value <= this.def.max);
  }

  newColumn(capacity: number, position: number | null, arena: ColumnArena): ColumnBuilder {
    return new ColumnBuilder(this, this.codes, capacity, position, arena);
  }
}

export interface OwnedCell {
  /** The row among the rows being filled. */
  row: number;
  text: string;
}

export const NO_OWNED: readonly OwnedCell[] = [];
const NO_OWNED_CELLS: ReadonlyMap<number, readonly OwnedCell[]> = new Map();

/**
 * The cells the table keeps apart (their "" escapes undone), by column index, in row order, among the
 * `count` rows whose cells start at `firsts[i]` and number `counts[i]`: found once per block, so each
 * column's loop meets its own few and no other cell looks them up.
 */
export function ownedCellsByColumn(table: CellTable, firsts: Int32Array, counts: Int32Array, count: number): ReadonlyMap<number, readonly OwnedCell[]> {
  if (table.unescaped.size === 0 || count === 0) return NO_OWNED_CELLS;
  const byColumn = new Map<number, OwnedCell[]>();
  for (const [cell, text] of table.unescaped) {
    // The last row starting at or before the cell (rows start in increasing order); rows skipped as
    // empty or footers are not among them, and their cells lie past the row found.
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((firsts[mid] as number) <= cell) low = mid;
      else high = mid - 1;
    }
    const index = cell - (firsts[low] as number);
    if (index < 0 || index >= (counts[low] as number)) continue;
    let owned = byColumn.get(index);
    if (!owned) byColumn.set(index, (owned = []));
    owned.push({ row: low, text });
  }
  for (const owned of byColumn.values()) owned.sort((a, b) => a.row - b.row);
  return byColumn;
}

/** A column without unreadable cells, or without converted values: one shared empty map, never written. */
const NO_CELLS: ReadonlyMap<number, string> = new Map();
const NO_CONVERSIONS: ReadonlyMap<number, Conversion> = new Map();

/** One batch's column of a field, filled row by row. */
export class ColumnBuilder {
  private readonly state: Uint8Array;
  private readonly numbers: Float64Array | undefined;
  private readonly bytes: Uint8Array | undefined;
  private readonly ints: Int32Array | undefined;
  private readonly lists: (ItemList | undefined)[] | undefined;
  private readonly texts: (string | undefined)[] | undefined;
  // Made on first use: most columns of most batches have neither, and a wide survey makes a column per
  // field per batch.
  private raw: Map<number, string> | undefined;
  private conversions: Map<number, Conversion> | undefined;

  constructor(
    readonly parser: FieldParser,
    private readonly codes: readonly string[],
    capacity: number,
    readonly position: number | null,
    arena: ColumnArena,
  ) {
    // Every row starts missing: a row that never sets this field (a JSON record without the key) is missing.
    this.state = arena.uint8(capacity).fill(CELL_MISSING);
    const type = parser.type;
    if (type === 'number') this.numbers = arena.float64(capacity);
    if (type === 'boolean') this.bytes = arena.uint8(capacity);
    if (type === 'enum') this.ints = arena.int32(capacity);
    if (type === 'list') this.lists = new Array<ItemList | undefined>(capacity);
    if (type === 'text') this.texts = new Array<string | undefined>(capacity);
  }

  set(row: number, raw: unknown): void {
    this.put(row, this.parser.cell(raw));
  }

  /**
   * A CSV cell between `start` and `end` of a block's text: plain numbers are read in place; anything
   * else through the memoised full reading. When the text holds undecoded bytes (`decode` given), the
   * cell is decoded only the first time its bytes are seen.
   */
  setSlice(row: number, text: string, start: number, end: number, decode: ((start: number, end: number) => string) | undefined): void {
    if (this.numbers) {
      const value = this.parser.plainNumber(text, start, end);
      if (value === value) {
        this.state[row] = CELL_OK;
        this.numbers[row] = value;
        return;
      }
    }
    if (start === end) {
      this.state[row] = CELL_MISSING;
      return;
    }
    if (this.texts && this.parser.def.type === 'string') {
      // Ids and codes written in plain ASCII are their own value: no decoding, no normalising.
      const slice = text.slice(start, end);
      if (isPlainText(slice)) {
        this.state[row] = CELL_OK;
        this.texts[row] = slice;
        return;
      }
    }
    this.put(row, decode ? this.parser.cellFromBytes(text, decode, start, end) : this.parser.cell(text.slice(start, end)));
  }

  /**
   * Fill this column for `count` rows of a CSV table, from batch row `base` on: row i's cells start at
   * cell `firsts[i]` and number `counts[i]`; this field is cell `index` of each row, and `owned` its
   * cells the table keeps apart (ownedCellsByColumn).
   */
  fillFromTable(table: CellTable, base: number, firsts: Int32Array, counts: Int32Array, count: number, index: number, owned: readonly OwnedCell[], decode: ((start: number, end: number) => string) | undefined, decodeText: (text: string) => string): void {
    const { text, cellStart, cellEnd } = table;
    const numbers = this.numbers;
    // Yes/no, enum and list cells are mostly texts seen before (是, village, a facilities list): looked
    // up straight from the block.
    const remembered = decode !== undefined && (this.bytes !== undefined || this.ints !== undefined || this.lists !== undefined);
    let next = 0;
    let nextOwned = owned.length > 0 ? (owned[0] as OwnedCell).row : -1;
    for (let i = 0; i < count; i++) {
      const row = base + i;
      if (index >= (counts[i] as number)) continue;
      if (i === nextOwned) {
        const own = (owned[next] as OwnedCell).text;
        next++;
        nextOwned = next < owned.length ? (owned[next] as OwnedCell).row : -1;
        this.setSlice(row, own, 0, own.length, decode ? (start, end) => decodeText(own.slice(start, end)) : undefined);
        continue;
      }
      const cell = (firsts[i] as number) + index;
      const start = cellStart[cell] as number;
      const end = cellEnd[cell] as number;
      if (remembered && end > start) {
        const known = this.parser.seen(text, start, end);
        if (known !== undefined) {
          this.put(row, known);
          continue;
        }
      }
      if (numbers) {
        const value = this.parser.plainNumber(text, start, end);
        if (value === value) {
          this.state[row] = CELL_OK;
          numbers[row] = value;
          continue;
        }
      }
      this.setSlice(row, text, start, end, decode);
    }
  }

  private put(row: number, cell: Cell): void {
    this.state[row] = cell.state;
    if (cell.state !== CELL_OK) {
      if (cell.raw !== undefined) (this.raw ??= new Map()).set(row, cell.raw);
      return;
    }
    if (this.numbers) {
      this.numbers[row] = cell.value;
      if (cell.converted) (this.conversions ??= new Map()).set(row, cell.converted);
    } else if (this.bytes) this.bytes[row] = cell.value;
    else if (this.ints) this.ints[row] = cell.value;
    else if (this.lists) this.lists[row] = cell.list;
    else if (this.texts) this.texts[row] = cell.text;
  }

  /** The cell's reading, for findings (validate) and notices. */
  stateAt(row: number): number {
    return this.state[row] as number;
  }

  listAt(row: number): ItemList | undefined {
    return this.lists?.[row];
  }

  /** The column of the batch's `size` rows. The builder is spent: its arrays become the column's. */
  build(size: number): Column {
    const field = this.parser.def.id;
    const position = this.position;
    const state = this.state.subarray(0, size);
    const raw = this.raw ?? NO_CELLS;
    if (this.numbers) return { field, position, state, raw, type: 'number', values: this.numbers.subarray(0, size), conversions: this.conversions ?? NO_CONVERSIONS };
    if (this.bytes) return { field, position, state, raw, type: 'boolean', values: this.bytes.subarray(0, size) };
    if (this.ints) return { field, position, state, raw, type: 'enum', values: this.ints.subarray(0, size), codes: this.codes };
    if (this.lists) {
      this.lists.length = size;
      return { field, position, state, raw, type: 'list', values: this.lists };
    }
    const texts = this.texts ?? [];
    texts.length = size;
    return { field, position, state, raw, type: 'text', values: texts };
  }
}

/** The parsers of every field of the dictionary, made on first use and shared for a run. */
export class Parsers {
  private readonly byField = new Map<string, FieldParser>();
  readonly lists = new ItemLists();

  constructor(private readonly dictionary: Dictionary) {}

  get(field: string): FieldParser | undefined {
    let parser = this.byField.get(field);
    if (!parser) {
      const def = this.dictionary.fields.get(field);
      if (!def) return undefined;
      parser = new FieldParser(def, this.dictionary, this.lists);
      this.byField.set(field, parser);
    }
    return parser;
  }
}
