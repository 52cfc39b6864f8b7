// Excel workbooks (.xlsx), read from the zip's central directory (yauzl) and streamed through a SAX
// parser (saxes), part by part: the sheet names in workbook order, where each part lies, which styles
// show dates, the shared strings, then the chosen worksheet row by row. Nothing is written to disk and
// nothing grows with the sheet: every part read whole is bounded (src/survey/xlsx/limits.ts).
//
// The worksheet --sheet names, or the one whose header names most fields; the header row is found below any
// title rows (merged title cells leave their value in the first cell only). Formula cells give their
// cached result; a formula without one, or an error value such as #DIV/0!, is kept as text that no
// number or yes/no reading accepts, so the rule is `unknown`. Empty rows below the data are ignored.
import { DabiaoError, type Location } from '../../errors.js';
import type { RawRow, ReadOptions } from '../reader.js';
import { TableRows } from '../table-rows.js';
import { limitError, XLSX_LIMITS, XlsxError, type XlsxLimits } from './limits.js';
import { ContentTypesPart, relsOf, RelsPart, SharedStringsPart, StylesPart, WorkbookPart } from './parts.js';
import { SheetRows } from './sheet.js';
import { HEADER_SEARCH_ROWS } from '../table-rows.js';
import { parseAll, parseXml, type XmlHandler } from './xml.js';
import { Zip } from './zip.js';

const DEFAULT_WORKBOOK = 'xl/workbook.xml';

interface PartOptions {
  file: string;
  limits: XlsxLimits;
  /** A small part (workbook, rels, styles, content types): refused past limits.partBytes. The shared
   * strings are bounded by their count and characters instead. */
  small: boolean;
  onBytes?: (bytes: number) => void;
}

/** Parses a part through its handler, which keeps what it needs. */
async function readPart(zip: Zip, part: string, handler: XmlHandler, options: PartOptions): Promise<void> {
  const { file, limits } = options;
  const chunks = await zip.open(part, {
    ...(options.small ? { maxBytes: limits.partBytes, onTooLarge: () => limitError('part-bytes', limits.partBytes, part, { file }) } : {}),
    ...(options.onBytes ? { onCompressedBytes: options.onBytes } : {}),
  });
  await parseAll(part, chunks, handler, xmlBounds(part, file, limits));
}

function xmlBounds(part: string, file: string, limits: XlsxLimits, line?: () => number) {
  const at = (): Location => {
    const row = line?.();
    return row ? { file, line: row } : { file };
  };
  return {
    token: limits.xmlToken,
    depth: limits.xmlDepth,
    attributes: limits.xmlAttributes,
    onToken: () => limitError('xml-token', limits.xmlToken, part, at()),
    onDepth: () => limitError('xml-depth', limits.xmlDepth, part, at()),
    onAttributes: () => limitError('xml-attributes', limits.xmlAttributes, part, at()),
  };
}

interface Workbook {
  sheets: { name: string; part: string }[];
  date1904: boolean;
  sharedStrings: string | undefined;
  styles: string | undefined;
}

async function readWorkbook(zip: Zip, file: string, limits: XlsxLimits): Promise<Workbook> {
  let main = DEFAULT_WORKBOOK;
  if (!zip.has(main)) {
    const types = new ContentTypesPart();
    if (!zip.has('[Content_Types].xml')) throw new XlsxError(`${main}: missing`);
    await readPart(zip, '[Content_Types].xml', types, { file, limits, small: true });
    if (types.workbook === undefined) throw new XlsxError(`${main}: missing`);
    main = types.workbook;
  }
  const workbook = new WorkbookPart();
  await readPart(zip, main, workbook, { file, limits, small: true });
  const rels = new RelsPart(main);
  await readPart(zip, relsOf(main), rels, { file, limits, small: true });
  const sheets: Workbook['sheets'] = [];
  for (const sheet of workbook.sheets) {
    const relationship = rels.byId.get(sheet.rid);
    // Chart sheets and macro sheets hold no rows.
    if (relationship && /\/worksheet$/i.test(relationship.type)) sheets.push({ name: sheet.name, part: relationship.target });
  }
  const fallback = (part: string): string | undefined => (zip.has(part) ? part : undefined);
  return {
    sheets,
    date1904: workbook.date1904,
    sharedStrings: rels.targetOf('sharedStrings') ?? fallback('xl/sharedStrings.xml'),
    styles: rels.targetOf('styles') ?? fallback('xl/styles.xml'),
  };
}

/**
 * The sheet to read when none is named: the only one, or the one whose header (among its first rows)
 * names the most fields, told to `onSheetChosen`. A summary sheet first is passed over; a tie, or no
 * sheet with a known header, is an error listing the sheets.
 */
async function chooseSheet(zip: Zip, sheets: Workbook['sheets'], sheetRows: (part: string) => SheetRows, options: ReadOptions, file: string, limits: XlsxLimits): Promise<Workbook['sheets'][number]> {
  const only = sheets[0] as Workbook['sheets'][number];
  if (sheets.length === 1 || !options.headerScore) return only;
  const scores: number[] = [];
  for (const sheet of sheets) {
    const rows = sheetRows(sheet.part);
    let best = 0;
    let seen = 0;
    const chunks = await zip.open(sheet.part);
    for await (const row of parseXml(sheet.part, chunks, rows, xmlBounds(sheet.part, file, limits, () => rows.currentLine))) {
      best = Math.max(best, options.headerScore(row.cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))));
      if (++seen >= HEADER_SEARCH_ROWS) break;
    }
    scores.push(best);
  }
  const top = Math.max(...scores);
  const names = sheets.map((sheet) => sheet.name).join(', ');
  if (top <= 0) throw new DabiaoError({ code: 'sheet-unclear', params: { why: 'none', sheets: names }, location: { file } });
  if (scores.filter((score) => score === top).length > 1) throw new DabiaoError({ code: 'sheet-unclear', params: { why: 'tie', sheets: names }, location: { file } });
  const chosen = sheets[scores.indexOf(top)] as Workbook['sheets'][number];
  options.onSheetChosen?.(chosen.name, sheets.map((sheet) => sheet.name));
  return chosen;
}

/** The survey rows of one worksheet. `limits` is a parameter so that tests can lower the bounds. */
export async function* readXlsx(file: string, options: ReadOptions, limits: XlsxLimits = XLSX_LIMITS): AsyncGenerator<RawRow> {
  let zip: Zip | undefined;
  let reported = 0;
  const report = options.onBytes
    ? (bytes: number) => {
        reported += bytes;
        options.onBytes?.(bytes);
      }
    : undefined;
  try {
    zip = await Zip.open(file, limits.entries, () => limitError('entries', limits.entries, '', { file }));
    const workbook = await readWorkbook(zip, file, limits);
    if (workbook.sheets.length === 0) throw new XlsxError('no worksheet');
    if (options.sheet !== undefined && !workbook.sheets.some((candidate) => candidate.name === options.sheet)) {
      throw new DabiaoError({ code: 'no-sheet', params: { sheet: options.sheet, sheets: workbook.sheets.map((s) => s.name).join(', ') }, location: { file } });
    }

    const styles = new StylesPart();
    if (workbook.styles !== undefined && zip.has(workbook.styles)) await readPart(zip, workbook.styles, styles, { file, limits, small: true });
    const strings = new SharedStringsPart({
      count: limits.sharedStrings,
      chars: limits.sharedStringChars,
      onCount: () => limitError('shared-strings', limits.sharedStrings, workbook.sharedStrings ?? '', { file }),
      onChars: () => limitError('shared-string-chars', limits.sharedStringChars, workbook.sharedStrings ?? '', { file }),
    });
    if (workbook.sharedStrings !== undefined && zip.has(workbook.sharedStrings)) await readPart(zip, workbook.sharedStrings, strings, { file, limits, small: false, ...(report ? { onBytes: report } : {}) });

    const sheetRows = (part: string): SheetRows =>
      new SheetRows({
        sharedStrings: strings.strings,
        dateStyles: styles.dateStyles(),
        date1904: workbook.date1904,
        maxRows: limits.rows,
        maxColumns: limits.columns,
        maxRowChars: limits.rowChars,
        onRowLimit: (row) => limitError('rows', limits.rows, part, { file, line: row }),
        onColumnLimit: (row) => limitError('columns', limits.columns, part, { file, line: row }),
        onRowChars: (row, col) => limitError('row-chars', limits.rowChars, part, { file, line: row, col }),
      });
    const sheet = options.sheet !== undefined ? (workbook.sheets.find((candidate) => candidate.name === options.sheet) as Workbook['sheets'][number]) : await chooseSheet(zip, workbook.sheets, sheetRows, options, file, limits);
    const rows = sheetRows(sheet.part);
    const table = new TableRows({ ...options, file, sheet: sheet.name, strictWidth: false });
    const chunks = await zip.open(sheet.part, report ? { onCompressedBytes: report } : {});
    for await (const row of parseXml(sheet.part, chunks, rows, xmlBounds(sheet.part, file, limits, () => rows.currentLine))) yield* table.push(row);
    yield* table.finish();
    if (!table.hasHeader) throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
    report?.(Math.max(0, zip.fileSize - reported));
  } catch (error) {
    if (error instanceof DabiaoError) throw error;
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    const row = error instanceof XlsxError ? error.line : undefined;
    throw new DabiaoError({ code: 'xlsx-unreadable', params: { detail }, location: row ? { file, line: row } : { file } });
  } finally {
    await zip?.close();
  }
}
