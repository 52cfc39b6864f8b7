// Writes the hostile workbooks of the bad-file corpus (test/corpus/xlsx-*.xlsx, expectations at the end
// of test/corpus/expected.yaml). Run from the repository: npx tsx test/helpers/make-xlsx-corpus.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateStream, inline, number, row, sharedStrings, styles, workbookEntries, worksheet, zip, type WorkbookSpec, type ZipEntry } from './xlsx-zip.js';

const corpus = join(import.meta.dirname, '..', 'corpus');
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const HEADER = row(1, inline('A1', '编号'), inline('B1', '级别'), inline('C1', '服务中心面积'));
const record = (line: number, id: string, area: string): string => row(line, inline(`A${line}`, id), inline(`B${line}`, '村'), area);

const save = (name: string, entries: ZipEntry[]): void => writeFileSync(join(corpus, name), zip(entries));
const simple = (rows: string, extra: Partial<WorkbookSpec> = {}): ZipEntry[] => workbookEntries({ sheets: [{ name: '调查', xml: worksheet(HEADER + rows) }], ...extra });

function* sheetWith(count: number, after: (line: number) => string, filler: (line: number) => string): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${NS}"><sheetData>${HEADER}${record(2, 'A', number('C2', 300))}`;
  let batch: string[] = [];
  for (let line = 3; line < 3 + count; line++) {
    batch.push(filler(line));
    if (batch.length === 10_000) {
      yield batch.join('');
      batch = [];
    }
  }
  yield `${batch.join('')}${after(3 + count)}</sheetData></worksheet>`;
}
const styledEmpty = (line: number): string => `<row r="${line}" s="1" customFormat="1"/>`;

// As openpyxl writes: worksheets stored first, inline strings, no shared strings, no styles, no
// docProps; sparse cells (C7 missing) and skipped row numbers.
save(
  'xlsx-openpyxl-layout.xlsx',
  workbookEntries({
    sheets: [
      { name: '调查', xml: worksheet(HEADER + record(3, 'A', number('C3', 300)) + record(7, 'B', '')) },
      { name: '说明', xml: worksheet(row(1, inline('A1', '本表由各镇填报'))) },
    ],
    first: ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'],
  }),
);

// The worksheet's deflate stream spoiled: its first block claims the reserved block type.
save(
  'xlsx-corrupt-deflate.xlsx',
  simple(record(2, 'A', number('C2', 300))).map((entry) => (entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, corrupt: true } : entry)),
);

// 35,000 formatted empty rows below the data, and the same with a record after them.
save('xlsx-empty-styled-rows.xlsx', workbookEntries({ sheets: [{ name: '调查', xml: await deflateStream(sheetWith(35_000, () => '', styledEmpty)) }], styles: styles([0, 0]) }));
save(
  'xlsx-empty-rows-then-record.xlsx',
  workbookEntries({ sheets: [{ name: '调查', xml: await deflateStream(sheetWith(35_000, (line) => record(line, 'B', number(`C${line}`, 200)), styledEmpty)) }], styles: styles([0, 0]) }),
);

// Values no reading accepts: an error value, a formula without its cached result, a formula whose
// result is an error, a boolean, a date-formatted number (an ISO date); and rich text 3+00 = 300.
save(
  'xlsx-error-values.xlsx',
  simple(
    [
      record(2, 'A', '<c r="C2" t="e"><v>#DIV/0!</v></c>'),
      record(3, 'B', '<c r="C3"><f>D3*4</f></c>'),
      record(4, 'C', '<c r="C4" t="e"><f>VLOOKUP(A4,E:F,2,0)</f><v>#N/A</v></c>'),
      record(5, 'D', '<c r="C5" t="b"><v>1</v></c>'),
      record(6, 'E', '<c r="C6" s="1"><v>400</v></c>'),
      record(7, 'F', '<c r="C7" t="s"><v>0</v></c>'),
    ].join(''),
    { styles: styles([0, 14]), sharedStrings: sharedStrings(['<r><rPr><b/></rPr><t>3</t></r><r><t>00</t></r>']) },
  ),
);

save('xlsx-shared-string-missing.xlsx', simple(record(2, 'A', '<c r="C2" t="s"><v>5</v></c>'), { sharedStrings: sharedStrings(['x', 'y']) }));
save('xlsx-rows-out-of-order.xlsx', simple(record(3, 'A', number('C3', 300)) + record(2, 'B', number('C2', 300))));
save('xlsx-row-past-grid.xlsx', simple(record(2, 'A', number('C2', 300)) + record(1_048_577, 'B', number('C1048577', 300))));
save('xlsx-column-past-grid.xlsx', simple(record(2, 'A', number('XFE2', 300))));
save('xlsx-malformed-xml.xlsx', simple(`${record(2, 'A', number('C2', 300))}<row r="3"><c r="A3"><v>1</c></row>`));
save('xlsx-deep-nesting.xlsx', simple(`${record(2, 'A', number('C2', 300))}</sheetData><extLst>${'<ext>'.repeat(300)}${'</ext>'.repeat(300)}</extLst><sheetData>`));
save(
  'xlsx-missing-sheet-part.xlsx',
  simple(record(2, 'A', number('C2', 300))).filter((entry) => entry.name !== 'xl/worksheets/sheet1.xml'),
);
// A zip that is no workbook (a word-processing document renamed .xlsx).
save('xlsx-not-a-workbook.xlsx', [{ name: 'word/document.xml', data: '<?xml version="1.0"?><document/>' }]);
// The first 600 bytes of a workbook, as an interrupted download leaves it.
writeFileSync(join(corpus, 'xlsx-truncated.xlsx'), zip(simple(record(2, 'A', number('C2', 300)))).subarray(0, 600));
// 3 MB that inflate to 3 GB would take a while to generate; 80 MiB of blanks between two rows show the
// same: the reader stops at its XML token bound, without spooling anything.
save(
  'xlsx-whitespace-bomb.xlsx',
  workbookEntries({
    sheets: [{ name: '调查', xml: await deflateStream(sheetWith(80, () => '', () => ' '.repeat(1024 * 1024))) }],
    first: ['xl/worksheets/sheet1.xml'],
  }),
);
