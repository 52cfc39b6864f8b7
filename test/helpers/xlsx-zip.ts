// Workbooks written byte by byte, for layouts no spreadsheet library produces on request: parts in any
// order (openpyxl puts the worksheets first), inline strings, no shared strings, no docProps, a
// corrupted deflate stream, a worksheet streamed from a generator. A minimal zip writer (no zip64).
import { once } from 'node:events';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The part's bytes (deflated here), or a part already deflated (see deflateStream). */
  data: string | Buffer | Deflated;
  /** Keep the bytes uncompressed (method 0). */
  store?: boolean;
  /** Spoil the deflate stream: its first block claims the reserved block type. */
  corrupt?: boolean;
}

export interface Deflated {
  deflated: Buffer;
  size: number;
  crc: number;
}

export function deflate(data: string | Buffer): Deflated {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { deflated: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/** Deflates text produced piece by piece, never holding the whole part. */
export async function deflateStream(pieces: Iterable<string>): Promise<Deflated> {
  const stream = createDeflateRaw();
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  let size = 0;
  let crc = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece, 'utf8');
    size += bytes.length;
    crc = crc32(bytes, crc);
    if (!stream.write(bytes)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'end');
  return { deflated: Buffer.concat(out), size, crc };
}

export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const part = typeof entry.data === 'string' || Buffer.isBuffer(entry.data) ? deflate(entry.data) : entry.data;
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.isBuffer(entry.data) ? entry.data : undefined;
    if (entry.store && !raw) throw new Error('a stored entry needs its bytes');
    let body = entry.store ? (raw as Buffer) : Buffer.from(part.deflated);
    if (entry.corrupt) {
      body = Buffer.from(body);
      body[0] = (body[0] as number) | 0x06;
    }
    const method = entry.store ? 0 : 8;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(0x21, 12); // 1980-01-01
    header.writeUInt32LE(part.crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(part.size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(0, 12);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(part.crc, 16);
    record.writeUInt32LE(body.length, 20);
    record.writeUInt32LE(part.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(header, name, body);
    central.push(record, name);
    offset += header.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function worksheet(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** A cell holding an inline string, as openpyxl and many generators write text. */
export const inline = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
export const number = (ref: string, value: number): string => `<c r="${ref}"><v>${value}</v></c>`;
export const row = (line: number, ...cells: string[]): string => `<row r="${line}">${cells.join('')}</row>`;

export interface WorkbookSpec {
  sheets: { name: string; xml: string | Deflated }[];
  sharedStrings?: string;
  styles?: string;
  /** Part names in the order they are stored; parts not listed follow in the usual order. */
  first?: string[];
  date1904?: boolean;
}

/** The parts of a minimal workbook; sheet i is xl/worksheets/sheet{i+1}.xml. */
export function workbookEntries(spec: WorkbookSpec): ZipEntry[] {
  const sheetParts = spec.sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet.xml }));
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    ...sheetParts.map((part) => `<Override PartName="/${part.name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`),
  ].join('');
  const rels = [
    ...spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`),
    ...(spec.sharedStrings !== undefined ? [`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`] : []),
    ...(spec.styles !== undefined ? [`<Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/>`] : []),
  ].join('');
  const entries: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`,
    },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">${spec.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${spec.sheets
        .map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PACKAGE_REL}">${rels}</Relationships>` },
    ...(spec.styles !== undefined ? [{ name: 'xl/styles.xml', data: spec.styles }] : []),
    ...(spec.sharedStrings !== undefined ? [{ name: 'xl/sharedStrings.xml', data: spec.sharedStrings }] : []),
    ...sheetParts,
  ];
  const first = spec.first ?? [];
  return [...first.map((name) => entries.find((entry) => entry.name === name) as ZipEntry), ...entries.filter((entry) => !first.includes(entry.name))];
}

export function styles(cellXfs: readonly number[], numFmts: Readonly<Record<number, string>> = {}): string {
  const formats = Object.entries(numFmts).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="${MAIN}">${formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : ''}<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="${cellXfs.length}">${cellXfs.map((id) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
}

export function sharedStrings(items: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}" count="${items.length}" uniqueCount="${items.length}">${items.map((item) => (item.startsWith('<') ? `<si>${item}</si>` : `<si><t>${escapeXml(item)}</t></si>`)).join('')}</sst>`;
}
