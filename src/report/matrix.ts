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

/** Rules are written in groups of this many: a group's statuses, read as one number, name its bytes.
 * 5^13 stays a small integer, which a Map hashes as it is; a larger key is a heap number, made afresh
 * for every lookup (at 16 a group, the matrix of every standard spent ten times as long in the memo). */
const GROUP = 13;
/** Distinct groups of statuses remembered per group of rules; past it the memo starts again. */
const MEMO_LIMIT = 4096;

/** Whether `code` may stand in an id written as is (letters, digits, _ . -). */
function plainIdChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45;
}

/**
 * A batch's lines: the record's id, its status under each per-record rule, then its verdict under each
 * standard. Written as bytes into
 * one buffer (a line is a handful of fixed ASCII pieces) and read back as text once per batch; ids
 * that are not plain ASCII are quoted as the CSV report quotes them, written as UTF-8.
 */
function renderLines(): (batch: ResultBatch) => Rendered {
  let buffer = new Uint8Array(1 << 16);
  // Records repeat the same few combinations of statuses: each group of rules' bytes made once per combination.
  const memos: Map<number, Uint8Array>[] = [];
  const verdictMemos: Map<number, Uint8Array>[] = [];
  const piece = (statuses: readonly Uint8Array[], row: number, from: number, to: number, cells: readonly Uint8Array[], memos: Map<number, Uint8Array>[]): Uint8Array => {
    let key = 0;
    for (let rule = from; rule < to; rule++) key = key * cells.length + ((statuses[rule] as Uint8Array)[row] as number);
    const memo = (memos[from / GROUP] ??= new Map());
    let bytes = memo.get(key);
    if (bytes === undefined) {
      bytes = new Uint8Array((to - from) * WIDEST);
      let at = 0;
      for (let rule = from; rule < to; rule++) {
        const cell = cells[(statuses[rule] as Uint8Array)[row] as number] as Uint8Array;
        bytes.set(cell, at);
        at += cell.length;
      }
      bytes = bytes.slice(0, at);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, bytes);
    }
    return bytes;
  };
  return (part) => {
    const evaluated = part.evaluated;
    if (!evaluated || evaluated.batch.size === 0) return { body: '' };
    const { batch, statuses, verdicts } = evaluated;
    const ids = batch.columns.get('id');
    const rules = statuses.length + verdicts.length;
    let at = 0;
    const room = (bytes: number): void => {
      if (at + bytes <= buffer.length) return;
      const grown = new Uint8Array(Math.max(buffer.length * 2, at + bytes));
      grown.set(buffer.subarray(0, at));
      buffer = grown;
    };
    for (let row = 0; row < batch.size; row++) {
      const id = ids?.type === 'text' ? (ids.values[row] ?? '') : '';
      room(id.length * 3 + 3 + rules * WIDEST);
      // A leading minus is quoted as the CSV report quotes it (a spreadsheet would read a formula).
      let plain = id.charCodeAt(0) !== 45;
      for (let i = 0; i < id.length && plain; i++) plain = plainIdChar(id.charCodeAt(i));
      if (plain) {
        for (let i = 0; i < id.length; i++) buffer[at++] = id.charCodeAt(i);
      } else {
        const quoted = csvCell(id);
        room(quoted.length * 3 + rules * WIDEST + 1);
        const { written } = encoder.encodeInto(quoted, buffer.subarray(at));
        at += written;
      }
      for (let from = 0; from < statuses.length; from += GROUP) {
        const bytes = piece(statuses, row, from, Math.min(statuses.length, from + GROUP), CELLS, memos);
        buffer.set(bytes, at);
        at += bytes.length;
      }
      for (let from = 0; from < verdicts.length; from += GROUP) {
        const bytes = piece(verdicts, row, from, Math.min(verdicts.length, from + GROUP), VERDICT_CELLS, verdictMemos);
        buffer.set(bytes, at);
        at += bytes.length;
      }
      buffer[at++] = 10;
    }
    // A copy: the buffer is reused for the next batch, and the bytes may be moved to another thread.
    return { body: buffer.slice(0, at) };
  };
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
