// Bounds of the .xlsx reader. A workbook is a zip of XML parts whose sizes the file does not bound
// (a 3 MB zip can inflate to gigabytes), so everything the reader keeps in memory is counted as it
// is read, and a workbook past a bound is refused with one located line (xlsx-limit). Any other
// failure (zip, inflate, XML, a part missing) is an XlsxError, reported as xlsx-unreadable.
import { DabiaoError, type Location } from '../../errors.js';

/** Shared strings kept for the sheet's cells (the table is read whole before the sheet). */
export const XLSX_MAX_SHARED_STRINGS = 2_000_000;
/** Characters of all shared strings together. */
export const XLSX_MAX_SHARED_STRING_CHARS = 64 * 1024 * 1024;
/** Characters of text one worksheet row holds (its cells' values and formulas), like CSV's record bound. */
export const XLSX_MAX_ROW_CHARS = 32 * 1024 * 1024;
/** Uncompressed bytes of each small part read whole: workbook.xml, its rels, styles, [Content_Types].xml. */
export const XLSX_MAX_PART_BYTES = 16 * 1024 * 1024;
/** Excel's own grid: rows and columns beyond it are not a worksheet any spreadsheet wrote. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
/** Entries of the zip's central directory (Excel writes a few dozen; the zip format without zip64, 65,535). */
export const XLSX_MAX_ENTRIES = 65_535;
/** Characters the XML parser may gather before it reports anything (a text, a tag with its attributes,
 * a comment): bounds what it buffers whatever the part holds. */
export const XLSX_MAX_XML_TOKEN_CHARS = 64 * 1024 * 1024;
/** Depth of nested XML elements (a worksheet needs 7). */
export const XLSX_MAX_XML_DEPTH = 256;
/** Attributes of one XML element (a cell has at most 6; a root element a few dozen namespaces): each
 * costs the parser far more than its characters. */
export const XLSX_MAX_XML_ATTRIBUTES = 1024;

export interface XlsxLimits {
  sharedStrings: number;
  sharedStringChars: number;
  rowChars: number;
  partBytes: number;
  rows: number;
  columns: number;
  entries: number;
  xmlToken: number;
  xmlDepth: number;
  xmlAttributes: number;
}

export const XLSX_LIMITS: Readonly<XlsxLimits> = {
  sharedStrings: XLSX_MAX_SHARED_STRINGS,
  sharedStringChars: XLSX_MAX_SHARED_STRING_CHARS,
  rowChars: XLSX_MAX_ROW_CHARS,
  partBytes: XLSX_MAX_PART_BYTES,
  rows: XLSX_MAX_ROWS,
  columns: XLSX_MAX_COLUMNS,
  entries: XLSX_MAX_ENTRIES,
  xmlToken: XLSX_MAX_XML_TOKEN_CHARS,
  xmlDepth: XLSX_MAX_XML_DEPTH,
  xmlAttributes: XLSX_MAX_XML_ATTRIBUTES,
};

/** What a bound counts, as named in the xlsx-limit message. */
export type LimitKind = 'shared-strings' | 'shared-string-chars' | 'row-chars' | 'part-bytes' | 'rows' | 'columns' | 'entries' | 'xml-token' | 'xml-depth' | 'xml-attributes';

export function limitError(what: LimitKind, limit: number, part: string, location: Location): DabiaoError {
  return new DabiaoError({ code: 'xlsx-limit', params: { what, limit: limit.toLocaleString('en-US'), part }, location });
}

/** A workbook that cannot be read: a zip, inflate or XML failure, or a part missing. */
export class XlsxError extends Error {
  constructor(
    message: string,
    /** The worksheet row being read, when there is one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}
