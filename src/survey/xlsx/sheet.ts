// A worksheet's rows, from its XML as it streams: <row r> gives the line, <c r="B7" t=…> the column and
// the kind of value. A value is what the cell shows as survey data: text, a number, a boolean, an ISO
// date for a date-formatted number, the text of an error value (#DIV/0!), and `=FORMULA` for a
// formula without a cached result, so that no reading accepts the last two and the rule is `unknown`.
import type { CellRow } from '../table-rows.js';
import { serialToIsoDate } from './dates.js';
import { XlsxError } from './limits.js';
import { unescapeText } from './parts.js';
import type { XmlHandler } from './xml.js';

export interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  maxRows: number;
  maxColumns: number;
  maxRowChars: number;
  onRowLimit: (line: number) => Error;
  onColumnLimit: (line: number) => Error;
  onRowChars: (line: number, column: number) => Error;
}

interface Cell {
  column: number;
  type: string;
  style: number;
  value?: string;
  formula?: string;
  inline?: string;
}

/** "B7" -> 2; undefined if the reference has no column letters. */
export function columnOf(ref: string): number | undefined {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    // Past three letters it is no column of any grid, and the number would only grow.
    if (i >= 3) return Number.MAX_SAFE_INTEGER;
  }
  return i === 0 ? undefined : column;
}

export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class SheetRows implements XmlHandler<CellRow> {
  private ready: CellRow[] = [];
  private inData = false;
  private line = 0;
  private cells: unknown[] | undefined;
  private chars = 0;
  private lastColumn = 0;
  private cell: Cell | undefined;
  /** Where text goes: the cell's <v>, its <f>, or a <t> of its inline string (<is>). */
  private capture: 'value' | 'formula' | 'inline' | undefined;
  private inInline = false;
  private phonetic = 0;

  constructor(private readonly context: SheetContext) {}

  /** The worksheet row being read (0 before the first). */
  get currentLine(): number {
    return this.line;
  }

  /** The rows completed since the last call. */
  take(): CellRow[] {
    const rows = this.ready;
    this.ready = [];
    return rows;
  }

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (name === 'sheetData') this.inData = true;
    else if (!this.inData) return;
    else if (name === 'row') this.startRow(attributes.r);
    else if (name === 'c' && this.cells) this.startCell(attributes);
    else if (!this.cell) return;
    else if (name === 'v') this.capture = 'value';
    else if (name === 'f') {
      this.cell.formula ??= '';
      this.capture = 'formula';
    } else if (name === 'is') {
      this.inInline = true;
      this.cell.inline ??= '';
    } else if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.inInline && this.phonetic === 0) this.capture = 'inline';
  }

  close(name: string): void {
    if (name === 'sheetData') this.inData = false;
    else if (name === 'row' && this.cells) {
      this.ready.push({ line: this.line, cells: Array.from(this.cells) });
      this.cells = undefined;
    } else if (name === 'c' && this.cell && this.cells) {
      const value = this.valueOf(this.cell);
      if (value !== undefined) this.cells[this.cell.column - 1] = value;
      this.cell = undefined;
    } else if (name === 'v' || name === 'f' || name === 't') this.capture = undefined;
    else if (name === 'is') this.inInline = false;
    else if (name === 'rPh') this.phonetic--;
  }

  text(text: string): void {
    const cell = this.cell;
    if (!this.capture || !cell) return;
    this.chars += text.length;
    if (this.chars > this.context.maxRowChars) throw this.context.onRowChars(this.line, cell.column);
    if (this.capture === 'value') cell.value = (cell.value ?? '') + text;
    else if (this.capture === 'formula') cell.formula = (cell.formula ?? '') + text;
    else cell.inline = (cell.inline ?? '') + text;
  }

  private startRow(ref: string | undefined): void {
    // Rows without r follow the one before; rows come in order, as the format requires and every
    // writer puts them, so a sheet holds at most one row per row of the grid.
    const line = ref === undefined ? this.line + 1 : Number(ref);
    if (!Number.isInteger(line) || line < 1) throw new XlsxError(`row number "${ref ?? ''}" is not a row number`, this.line || undefined);
    if (line > this.context.maxRows) throw this.context.onRowLimit(line);
    if (line <= this.line) throw new XlsxError(`row ${line} comes after row ${this.line}`, line);
    this.line = line;
    this.cells = [];
    this.chars = 0;
    this.lastColumn = 0;
  }

  private startCell(attributes: Readonly<Record<string, string>>): void {
    const column = attributes.r === undefined ? this.lastColumn + 1 : columnOf(attributes.r);
    if (column === undefined) throw new XlsxError(`cell reference "${attributes.r ?? ''}" names no column`, this.line);
    if (column > this.context.maxColumns) throw this.context.onColumnLimit(this.line);
    // In order, as rows are: a row then holds at most one cell per column of the grid.
    if (column <= this.lastColumn) throw new XlsxError(`cell ${columnName(column)}${this.line} comes after ${columnName(this.lastColumn)}${this.line}`, this.line);
    this.lastColumn = column;
    this.cell = { column, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0) };
    this.capture = undefined;
    this.inInline = false;
    this.phonetic = 0;
  }

  private valueOf(cell: Cell): unknown {
    if (cell.formula !== undefined && cell.value === undefined) return `=${cell.formula}`;
    if (cell.type === 'inlineStr') return cell.inline !== undefined ? unescapeText(cell.inline) : cell.value !== undefined ? unescapeText(cell.value) : undefined;
    const text = cell.value;
    if (text === undefined) return undefined;
    switch (cell.type) {
      case 's':
        return this.shared(text, cell);
      case 'str':
        return unescapeText(text);
      case 'b':
        return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : text;
      case 'e':
        return text;
      case 'd':
        // ISO 8601 date cells (strict OOXML): the calendar date.
        return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
      default: {
        const trimmed = text.trim();
        if (trimmed === '') return undefined;
        if (!NUMBER.test(trimmed)) return text;
        const number = Number(trimmed);
        if (this.context.dateStyles.has(cell.style)) return serialToIsoDate(number, this.context.date1904) ?? number;
        return number;
      }
    }
  }

  private shared(text: string, cell: Cell): string {
    const index = text.trim() === '' ? NaN : Number(text);
    const value = Number.isInteger(index) ? this.context.sharedStrings[index] : undefined;
    if (value === undefined) {
      throw new XlsxError(`cell ${columnName(cell.column)}${this.line} refers to shared string ${text.trim()}, the table has ${this.context.sharedStrings.length}`, this.line);
    }
    return value;
  }
}
