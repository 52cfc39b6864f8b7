// Matrix report: one line per record in input order, its id, then one column per rule (standard/rule)
// holding pass, fail, unknown or not_applicable: the sheet an inspector filters in Excel, and a status
// for every record and rule, as a checker written for one survey would give it. UTF-8 with a BOM (so
// Excel reads the Chinese), cells neutralised against formula injection like the CSV report's.
import { STATUS_OF_CODE } from '../engine/status.js';
import { WORDS } from '../i18n/words.js';
import type { Rendered, ReportFormat, ResultBatch } from './format.js';
import { VERDICT_OF_CODE } from '../engine/verdicts.js';
import { csvCell } from './escape.js';
import { BufferedSink } from './sink.js';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
/** ",pass" … by status code, and ",compliant" … by verdict code, as UTF-8 bytes. */
const CELLS = STATUS_OF_CODE.map((status) => ascii(`,${status}`));
const VERDICT_CELLS = VERDICT_OF_CODE.map((verdict) => ascii(`,${verdict}`));
const WIDEST = Math.max(...CELLS.map((cell) => cell.length), ...VERDICT_CELLS.map((cell) => cell.length));
const encoder = new TextEncoder();

/** Groups of a dozen rules or so are read as keys of at most this many values, each with a slot of its
 * own in its group's memo (an array read, nothing ever displaced): a dozen rules make two groups, one
 * lookup and one copy each per line. */
const DIRECT_KEYS = 1 << 17;
/** Slots of every group's memo together at most, when each key has its own. */
const DIRECT_SLOTS = 1 << 18;
/** Past that (hundreds of rules), groups read as keys below this, and each group's memo has HASHED_SLOTS
 * slots, one per key by a few of its bits, a key that finds its slot taken taking it over: records
 * judged against every standard repeat a few combinations, which then rarely meet. */
const HASHED_KEYS = 2 ** 30;
const HASHED_SLOTS = 4096;

interface Memo {
  /** A key's slot: (key ^ (key >>> shift)) & mask; the key itself where every key has a slot. */
  shift: number;
  mask: number;
  keys: Int32Array;
  bytes: Uint8Array[];
}

function memo(slots: number, shift: number): Memo {
  // The bytes array made at its full length: filled at scattered slots, one grown from empty would
  // turn into a dictionary.
  return { shift, mask: slots - 1, keys: new Int32Array(slots).fill(-1), bytes: new Array<Uint8Array>(slots) };
}

/** The smallest power of two at least `n`. */
function powerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}

/** The first column of each group whose key space stays within `limit`, and one past the last column. */
function groupStarts(bases: readonly number[], limit: number): number[] {
  const starts: number[] = [];
  let product = limit;
  bases.forEach((base, c) => {
    if (product * base > limit) {
      starts.push(c);
      product = 1;
    }
    product *= base;
  });
  starts.push(bases.length);
  return starts;
}

/** Each group's key space, for `starts`. */
function groupSizes(bases: readonly number[], starts: readonly number[]): number[] {
  return starts.slice(1).map((end, group) => bases.slice(starts[group], end).reduce((product, base) => product * base, 1));
}

/** Whether `code` may stand in an id written as is (letters, digits, _ . -). */
function plainIdChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45;
}

/**
 * The cells after a record's id (its statuses, then its verdicts), in groups of consecutive columns
 * whose codes read as one number; each number's bytes are made when first met, the last group's with
 * the line break. Records repeat the same few combinations, so a line is its id and a few copies.
 */
class LineTail {
  private keys = new Int32Array(0);
  /** Per group, its cells' bytes by key, made when first met. */
  private readonly memos: Memo[];
  /** The first column of each group, and one past the last column. */
  private readonly starts: number[];

  /** `cells[c]`: column c's bytes by code. */
  constructor(private readonly cells: readonly (readonly Uint8Array[])[]) {
    const bases = cells.map((column) => column.length);
    const direct = groupStarts(bases, DIRECT_KEYS);
    const slots = groupSizes(bases, direct).map(powerOfTwo);
    if (slots.reduce((sum, size) => sum + size, 0) <= DIRECT_SLOTS) {
      this.starts = direct;
      // A shift of 31 leaves a key (below 2^31) as its own slot.
      this.memos = slots.map((size) => memo(size, 31));
    } else {
      this.starts = groupStarts(bases, HASHED_KEYS);
      this.memos = this.starts.slice(1).map(() => memo(HASHED_SLOTS, 12));
    }
  }

  get groups(): number {
    return this.starts.length - 1;
  }

  /** Reads a batch's `columns` (one code array per column) for its `size` rows, column by column: the
   * arrays are read in order, not a byte from each per row. */
  load(columns: readonly Uint8Array[], size: number): void {
    const groups = this.groups;
    if (this.keys.length < groups * size) this.keys = new Int32Array(groups * size);
    const keys = this.keys;
    for (let group = 0; group < groups; group++) {
      const offset = group * size;
      keys.fill(0, offset, offset + size);
      for (let c = this.starts[group] as number; c < (this.starts[group + 1] as number); c++) {
        const base = (this.cells[c] as readonly Uint8Array[]).length;
        const codes = columns[c] as Uint8Array;
        for (let row = 0; row < size; row++) keys[offset + row] = (keys[offset + row] as number) * base + (codes[row] as number);
      }
    }
  }

  /** The bytes of `group`'s cells in `row` of the batch loaded last (`size` rows). */
  bytes(columns: readonly Uint8Array[], group: number, row: number, size: number): Uint8Array {
    const key = this.keys[group * size + row] as number;
    const memo = this.memos[group] as Memo;
    const slot = (key ^ (key >>> memo.shift)) & memo.mask;
    if (memo.keys[slot] === key) return memo.bytes[slot] as Uint8Array;
    const bytes = this.make(columns, group, row);
    memo.keys[slot] = key;
    memo.bytes[slot] = bytes;
    return bytes;
  }

  /** `group`'s cells in `row` as bytes, the last group's with the line break. */
  private make(columns: readonly Uint8Array[], group: number, row: number): Uint8Array {
    const from = this.starts[group] as number;
    const to = this.starts[group + 1] as number;
    const cells = Array.from({ length: to - from }, (_, i) => (this.cells[from + i] as readonly Uint8Array[])[(columns[from + i] as Uint8Array)[row] as number] as Uint8Array);
    const last = to === this.cells.length;
    const bytes = new Uint8Array(cells.reduce((sum, cell) => sum + cell.length, last ? 1 : 0));
    let at = 0;
    for (const cell of cells) {
      bytes.set(cell, at);
      at += cell.length;
    }
    if (last) bytes[at] = 10;
    return bytes;
  }
}

/**
 * A batch's lines: the record's id, its status under each per-record rule, then its verdict under each
 * standard. Written as bytes into one buffer; ids that are not plain ASCII are quoted as the CSV report
 * quotes them, written as UTF-8.
 */
function renderLines(): (batch: ResultBatch) => Rendered {
  const lines: Lines = { buffer: new Uint8Array(1 << 16) };
  let tail: LineTail | undefined;
  return (part) => {
    const evaluated = part.evaluated;
    if (!evaluated || evaluated.batch.size === 0) return { body: '' };
    const { batch, statuses, verdicts } = evaluated;
    const ids = batch.columns.get('id');
    const columns = [...statuses, ...verdicts];
    // The same rules and standards in every batch of a run.
    tail ??= new LineTail([...statuses.map(() => CELLS), ...verdicts.map(() => VERDICT_CELLS)]);
    tail.load(columns, batch.size);
    const end = writeLines(lines, ids?.type === 'text' ? ids.values : undefined, tail, columns, batch.size);
    // A copy: the buffer is reused for the next batch, and the bytes may be moved to another thread.
    return { body: lines.buffer.slice(0, end) };
  };
}

/** The buffer a batch's lines are written into: it grows, and is kept for the next batch. */
interface Lines {
  buffer: Uint8Array;
}

/** `buffer` with room for `bytes` more after its first `used`. */
function grown(buffer: Uint8Array, used: number, bytes: number): Uint8Array {
  const bigger = new Uint8Array(Math.max(buffer.length * 2, used + bytes));
  bigger.set(buffer.subarray(0, used));
  return bigger;
}

/** Writes the batch's `size` lines into `lines` from its start; returns where they end. A function of
 * its own that ends right after its loop: V8 compiles the loop while the first batch runs (on-stack
 * replacement), and code after a loop that had not run yet was given up on at every batch. */
function writeLines(lines: Lines, ids: readonly (string | undefined)[] | undefined, tail: LineTail, columns: readonly Uint8Array[], size: number): number {
  const groups = tail.groups;
  const widest = columns.length * WIDEST + 1;
  let out = lines.buffer;
  let at = 0;
  for (let row = 0; row < size; row++) {
    const id = ids?.[row] ?? '';
    if (at + id.length * 3 + 2 + widest > out.length) out = lines.buffer = grown(out, at, id.length * 3 + 2 + widest);
    // Copied as is while plain; a leading minus is quoted as the CSV report quotes it (a spreadsheet
    // would read a formula), and so is anything else.
    const from = at;
    let plain = id.charCodeAt(0) !== 45;
    for (let i = 0; i < id.length && plain; i++) {
      const code = id.charCodeAt(i);
      out[at++] = code;
      plain = plainIdChar(code);
    }
    if (!plain) {
      at = from;
      const quoted = csvCell(id);
      if (at + quoted.length * 3 + widest > out.length) out = lines.buffer = grown(out, at, quoted.length * 3 + widest);
      const { written } = encoder.encodeInto(quoted, out.subarray(at));
      at += written;
    }
    for (let group = 0; group < groups; group++) {
      const bytes = tail.bytes(columns, group, row, size);
      out.set(bytes, at);
      at += bytes.length;
    }
    if (groups === 0) out[at++] = 10;
  }
  return at;
}

export const matrixFormat: ReportFormat = {
  listsNone: true,
  renderBatch: renderLines,
  create(target, context) {
    const sink = new BufferedSink(target, 1 << 20);
    let started = false;
    const start = async (): Promise<void> => {
      if (started) return;
      started = true;
      // The columns are the per-record rules, in the order the engine's status arrays hold them, then
      // the verdict under each standard.
      const verdicts = context.verdictStandards.map((id) => csvCell(`${WORDS.verdict[context.lang]}:${id}`));
      await sink.write(`\uFEFF${[csvCell(WORDS.recordId[context.lang]), ...context.recordRules.map((key) => csvCell(key)), ...verdicts].join(',')}\n`);
    };
    const render = renderLines();
    const writeRendered = async (rendered: Rendered): Promise<void> => {
      await start();
      await sink.writePiece(rendered.body);
    };
    return {
      write: (part) => writeRendered(render(part)),
      writeRendered,
      async end() {
        await start();
        await sink.flush();
      },
    };
  },
};
