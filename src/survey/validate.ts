// Structural validation of survey files before any rule is judged: columns, types, allowed values,
// duplicate ids, empty and ragged rows, each located at file, line (row) and column. The file is read
// by the very pipeline `check` reads it with (typed batches), so a file that validates clean reads the
// same way in `check`, and a cell `check` cannot read is the finding `validate` reports.
import { neutralise } from '../text.js';
import { CELL_OK, CELL_OUT_OF_RANGE, CELL_UNPARSEABLE } from '../batch.js';
import { HeaderMatcher } from './headers.js';
import type { HeaderInfo } from './reader.js';
import { readSurvey, type ReadSurveyOptions } from './read-survey.js';

export type FindingCode =
  | 'unknown-column'
  | 'missing-column'
  | 'duplicate-column'
  | 'blank-column'
  | 'wrong-type'
  | 'not-allowed'
  | 'out-of-range'
  | 'duplicate-id'
  | 'empty-row'
  | 'footer-row'
  | 'example-row'
  | 'ragged-row'
  | 'unknown-item'
  | 'title-rows'
  | 'no-records';

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  file: string;
  sheet: string | null;
  line: number | null;
  column: number | null;
  field: string | null;
  value: string | null;
  /** Extra facts for the message: the expected type, the first line of a duplicate, a suggestion. */
  detail: Record<string, string | number>;
}

export interface ValidateOptions extends ReadSurveyOptions {
  /** Fields the chosen standards read: a file lacking one of them cannot be fully judged. */
  needed: ReadonlySet<string>;
}

export interface ValidationReport {
  files: { file: string; records: number; sheet: string | null; header_line: number | null }[];
  findings: Finding[];
  errors: number;
  warnings: number;
}

/** Findings kept per code and file; the rest are counted, so a broken million-row file stays readable. */
export const MAX_FINDINGS_PER_CODE = 1000;

/** A value quoted in a finding: its first 80 characters. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Validate survey files through the same reading `check` uses: every cell parsed once by the typed
 * pipeline, structural problems reported instead of refused.
 */
export async function validateSurvey(files: readonly string[], options: ValidateOptions): Promise<ValidationReport> {
  const { dictionary } = options;
  const matcher = new HeaderMatcher(dictionary, options.mapping);
  // Findings are told as the file is read (header, rows as they are typed, file end) and listed in the
  // file's own order: header first, then row by row, then what only the end of a file shows.
  const kept: { finding: Finding; order: number[] }[] = [];
  const perCode = new Map<string, number>();
  const report: ValidationReport = { files: [], findings: [], errors: 0, warnings: 0 };
  let fileIndex = 0;
  let seq = 0;
  const phaseOf = (code: FindingCode): number => {
    if (code === 'title-rows' || code === 'duplicate-column') return 0;
    if (code === 'unknown-column') return header ? 0 : 1;
    if (code === 'missing-column') return header ? 0 : 2;
    return code === 'blank-column' || code === 'no-records' ? 2 : 1;
  };
  const add = (finding: Finding): void => {
    // Values and sheet names come from the file: printable and short, whatever the file holds.
    if (finding.value !== null) finding.value = neutralise(clip(finding.value));
    if (finding.sheet !== null) finding.sheet = neutralise(finding.sheet);
    if (finding.severity === 'error') report.errors++;
    else report.warnings++;
    const key = `${finding.file}\u0000${finding.code}`;
    const count = (perCode.get(key) ?? 0) + 1;
    perCode.set(key, count);
    if (count > MAX_FINDINGS_PER_CODE) return;
    const phase = phaseOf(finding.code);
    const order = phase === 0 ? [fileIndex, 0, finding.column ?? -1, seq++] : phase === 1 ? [fileIndex, 1, finding.line ?? 0, seq++] : [fileIndex, 2, seq++];
    kept.push({ finding, order });
  };
  const at = (file: string, sheet: string | null, line: number | null, column: number | null, field: string | null = null, value: string | null = null) => ({ file, sheet, line, column, field, value });

  // Per file: the header (tables), the fields present (JSON), ids seen, columns without a header.
  let header: HeaderInfo | undefined;
  let fieldsSeen = new Set<string>();
  let ids = new Map<string, number>();
  const headerFields = new Set<string>();
  const batches = readSurvey(files, options, {
    onHeader(info) {
      header = info;
      if (info.skippedLines.length > 0) add({ code: 'title-rows', severity: 'warning', ...at(info.file, info.sheet ?? null, info.line, null), detail: { count: info.skippedLines.length } });
      const owner = new Map<string, number>();
      info.names.forEach((name, i) => {
        const field = name === '' ? null : matcher.match(name);
        if (field === null) return;
        const first = owner.get(field);
        if (first !== undefined) add({ code: 'duplicate-column', severity: 'error', ...at(info.file, info.sheet ?? null, info.line, i + 1, field, name), detail: { first_column: first } });
        else owner.set(field, i + 1);
        headerFields.add(field);
      });
      for (const field of options.needed) if (!owner.has(field)) add({ code: 'missing-column', severity: 'error', ...at(info.file, info.sheet ?? null, info.line, null, field), detail: {} });
    },
    onClash() {
      // Reported by onHeader above; the second column is left unread.
    },
    onRowProblem(problem, where) {
      if (problem.type === 'empty') add({ code: 'empty-row', severity: 'warning', ...at(where.file, where.sheet ?? null, where.line, null), detail: {} });
      else if (problem.type === 'footer') add({ code: 'footer-row', severity: 'warning', ...at(where.file, where.sheet ?? null, where.line, null), detail: { text: problem.text } });
      else if (problem.type === 'example') add({ code: 'example-row', severity: 'warning', ...at(where.file, where.sheet ?? null, where.line, null), detail: {} });
      else add({ code: 'ragged-row', severity: 'error', ...at(where.file, where.sheet ?? null, where.line, null), detail: { cells: problem.cells, expected: problem.expected } });
    },
    onUnknownColumn(name, where) {
      if (name === '') return;
      const suggestion = matcher.suggest(name);
      add({ code: 'unknown-column', severity: 'warning', ...at(where.file, header?.sheet ?? null, where.line, header ? where.column : null, null, name), detail: suggestion ? { suggestion } : {} });
    },
    onBlankColumn(column, where) {
      add({ code: 'blank-column', severity: where.line === null ? 'warning' : 'error', ...at(where.file, header?.sheet ?? null, where.line ?? header?.line ?? null, column), detail: where.line === null ? {} : { data: 1 } });
    },
    onUnknownItem(field, item, where) {
      add({ code: 'unknown-item', severity: 'warning', ...at(where.file, header?.sheet ?? null, where.line, where.column, field, item), detail: {} });
    },
    onFileEnd(file, records, sheet) {
      // A JSON survey has no header row: a field no record has is a missing column, as in CSV.
      if (!header && records > 0) {
        for (const field of options.needed) if (!fieldsSeen.has(field)) add({ code: 'missing-column', severity: 'error', ...at(file, sheet ?? null, null, null, field), detail: {} });
      }
      if (records === 0) add({ code: 'no-records', severity: 'error', ...at(file, sheet ?? null, header?.line ?? 1, null), detail: {} });
      report.files.push({ file, records, sheet: sheet ?? null, header_line: header?.line ?? null });
      header = undefined;
      fileIndex++;
      fieldsSeen = new Set();
      ids = new Map();
      headerFields.clear();
    },
  });
  for await (const batch of batches) {
    const columns = [...batch.columns.values()].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    for (const column of columns) fieldsSeen.add(column.field);
    const idColumn = batch.columns.get('id');
    for (let row = 0; row < batch.size; row++) {
      const line = batch.lines[row] as number;
      for (const column of columns) {
        const state = column.state[row];
        if (state !== CELL_UNPARSEABLE && state !== CELL_OUT_OF_RANGE) continue;
        const def = dictionary.fields.get(column.field);
        const code: FindingCode = state === CELL_OUT_OF_RANGE ? 'out-of-range' : def?.type === 'enum' ? 'not-allowed' : 'wrong-type';
        const allowed: Record<string, string> = def?.values ? { allowed: Object.values(def.values).map((v) => v.zh).join('/'), allowed_en: Object.values(def.values).map((v) => v.en).join('/') } : {};
        add({ code, severity: 'error', ...at(batch.file, batch.sheet, line, column.position, column.field, column.raw.get(row) ?? ''), detail: { type: def?.type ?? '', ...allowed } });
      }
      if (idColumn?.type !== 'text' || idColumn.state[row] !== CELL_OK) continue;
      const id = idColumn.values[row] as string;
      const first = ids.get(id);
      if (first !== undefined) add({ code: 'duplicate-id', severity: 'error', ...at(batch.file, batch.sheet, line, idColumn.position, 'id', id), detail: { first_line: first } });
      else ids.set(id, line);
    }
  }
  kept.sort((a, b) => {
    for (let i = 0; i < Math.max(a.order.length, b.order.length); i++) {
      const d = (a.order[i] ?? 0) - (b.order[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  report.findings = kept.map((entry) => entry.finding);
  return report;
}
