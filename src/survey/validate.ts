// Structural validation of survey files before any rule is judged: columns, types, allowed values,
// duplicate ids, empty and ragged rows, each located at file, line (row) and column. Every row is
// turned into a canonical typed record and checked against the JSON Schema generated from the data
// dictionary, so a file that validates clean reads the same way in `check`.
import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import type { Dictionary } from '../model.js';
import { surveyRecordSchema } from '../standards/survey-schema.js';
import { neutralise, splitList } from '../text.js';
import { HeaderMatcher } from './headers.js';
import type { HeaderInfo } from './reader.js';
import { isKnownItem, readRows, type ReadSurveyOptions } from './read-survey.js';
import { parseValue } from './values.js';
import { rawText } from '../text.js';

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

function typedFor(dictionary: Dictionary, field: string, raw: unknown): { ok: true; value: unknown } | { ok: false; problem: 'missing' | 'unparseable' | 'out-of-range' } {
  const def = dictionary.fields.get(field);
  if (!def) return { ok: false, problem: 'unparseable' };
  const parsed = parseValue(raw, def, dictionary);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, problem: parsed.problem };
}

export async function validateSurvey(files: readonly string[], options: ValidateOptions): Promise<ValidationReport> {
  const { dictionary } = options;
  const matcher = new HeaderMatcher(dictionary, options.mapping);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validateRecord = ajv.compile(surveyRecordSchema(dictionary));
  const findings: Finding[] = [];
  const perCode = new Map<string, number>();
  const report: ValidationReport = { files: [], findings, errors: 0, warnings: 0 };
  const add = (finding: Finding): void => {
    // Values and sheet names come from the file: printable and short, whatever the file holds.
    if (finding.value !== null) finding.value = neutralise(clip(finding.value));
    if (finding.sheet !== null) finding.sheet = neutralise(finding.sheet);
    if (finding.severity === 'error') report.errors++;
    else report.warnings++;
    const key = `${finding.file}\u0000${finding.code}`;
    const count = (perCode.get(key) ?? 0) + 1;
    perCode.set(key, count);
    if (count <= MAX_FINDINGS_PER_CODE) findings.push(finding);
  };
  // Set by the reader's onHeader callback as each file's header row is found.
  const found: { header?: HeaderInfo } = {};
  const currentHeader = (): HeaderInfo | undefined => found.header;
  const at = (file: string, sheet: string | null, line: number | null, column: number | null, field: string | null = null, value: string | null = null) => ({ file, sheet, line, column, field, value });

  for await (const { file, rows } of readRows(files, { ...options, onHeader: (info) => (found.header = info) }, matcher)) {
    delete found.header;
    let records = 0;
    let columnsChecked = false;
    /** Column index -> canonical field, for the columns that name one. */
    const fieldOf = new Map<number, string>();
    const ids = new Map<string, number>();
    /** Columns without a header -> first line holding data in them (harmless while empty). */
    const blankColumns = new Map<number, number | null>();
    let lastSheet: string | null = null;
    const keysSeen = new Set<string>();
    /** Header-less formats (JSON, NDJSON): the fields any record has, for the missing-column check. */
    const fieldsSeen = new Set<string>();
    for await (const row of rows) {
      const header = currentHeader();
      const sheet = row.sheet ?? null;
      if (!columnsChecked && header) {
        columnsChecked = true;
        const names = header.names;
        const headerLine = header.line;
        if (header.skippedLines.length > 0) add({ code: 'title-rows', severity: 'warning', ...at(file, sheet, header.line, null), detail: { count: header.skippedLines.length } });
        const owner = new Map<string, number>();
        names.forEach((name, i) => {
          const column = i + 1;
          if (name === '') return void blankColumns.set(column, null);
          const field = matcher.match(name);
          if (field === null) {
            const suggestion = matcher.suggest(name);
            return add({ code: 'unknown-column', severity: 'warning', ...at(file, sheet, headerLine, column, null, name), detail: suggestion ? { suggestion } : {} });
          }
          const first = owner.get(field);
          if (first !== undefined) return add({ code: 'duplicate-column', severity: 'error', ...at(file, sheet, headerLine, column, field, name), detail: { first_column: first } });
          owner.set(field, column);
          fieldOf.set(column, field);
        });
        for (const field of options.needed) {
          if (!owner.has(field)) add({ code: 'missing-column', severity: 'error', ...at(file, sheet, headerLine, null, field), detail: {} });
        }
      }
      if (row.problem?.type === 'empty') {
        add({ code: 'empty-row', severity: 'warning', ...at(file, sheet, row.line, null), detail: {} });
        continue;
      }
      if (row.problem?.type === 'ragged') {
        add({ code: 'ragged-row', severity: 'error', ...at(file, sheet, row.line, null), detail: { cells: row.problem.cells, expected: row.problem.expected } });
      }
      records++;
      lastSheet = sheet;
      const typed: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      const columnOf = new Map<string, number>();
      row.entries.forEach(([key, raw], i) => {
        const column = row.columns?.[i] ?? i + 1;
        if (key === '' && blankColumns.get(column) === null && rawText(raw).trim() !== '') blankColumns.set(column, row.line);
        const field = header ? fieldOf.get(column) : matcher.match(key);
        if (!header && field === null && key !== '' && !keysSeen.has(key)) {
          keysSeen.add(key);
          const suggestion = matcher.suggest(key);
          add({ code: 'unknown-column', severity: 'warning', ...at(file, sheet, row.line, null, null, key), detail: suggestion ? { suggestion } : {} });
        }
        if (field === null || field === undefined || columnOf.has(field)) return;
        columnOf.set(field, column);
        if (!header) fieldsSeen.add(field);
        const value = typedFor(dictionary, field, raw);
        if (value.ok) typed[field] = value.value;
        else if (value.problem !== 'missing') {
          const def = dictionary.fields.get(field);
          const code: FindingCode = value.problem === 'out-of-range' ? 'out-of-range' : def?.type === 'enum' ? 'not-allowed' : 'wrong-type';
          add({ code, severity: 'error', ...at(file, sheet, row.line, column, field, rawText(raw).slice(0, 80)), detail: { type: def?.type ?? '', ...(def?.values ? { allowed: Object.values(def.values).map((v) => v.zh).join('/'), allowed_en: Object.values(def.values).map((v) => v.en).join('/') } : {}) } });
        }
        const suffixes = options.itemFields?.get(field);
        if (value.ok && suffixes) {
          for (const item of splitList(raw)) {
            if (!isKnownItem(item, field, suffixes, dictionary)) add({ code: 'unknown-item', severity: 'warning', ...at(file, sheet, row.line, column, field, item), detail: {} });
          }
        }
      });
      // The typed record against the schema generated from the dictionary (types, allowed values, bounds).
      if (!validateRecord(typed)) {
        for (const error of validateRecord.errors ?? []) schemaFinding(error, typed, columnOf, (field, column, detail) => add({ code: 'wrong-type', severity: 'error', ...at(file, sheet, row.line, column, field, rawText(typed[field ?? ''] ?? '')), detail }));
      }
      const id = typeof typed.id === 'string' ? typed.id : undefined;
      if (id !== undefined) {
        const first = ids.get(id);
        if (first !== undefined) add({ code: 'duplicate-id', severity: 'error', ...at(file, sheet, row.line, columnOf.get('id') ?? null, 'id', id), detail: { first_line: first } });
        else ids.set(id, row.line);
      }
    }
    for (const [column, line] of blankColumns) {
      const headerLine = currentHeader()?.line ?? null;
      add({ code: 'blank-column', severity: line === null ? 'warning' : 'error', ...at(file, lastSheet, line ?? headerLine, column), detail: line === null ? {} : { data: 1 } });
    }
    // A JSON survey has no header row: a field no record has is a missing column, as in CSV.
    if (!currentHeader() && records > 0) {
      for (const field of options.needed) if (!fieldsSeen.has(field)) add({ code: 'missing-column', severity: 'error', ...at(file, lastSheet, null, null, field), detail: {} });
    }
    if (records === 0) add({ code: 'no-records', severity: 'error', ...at(file, lastSheet, currentHeader()?.line ?? 1, null), detail: {} });
    const header = currentHeader();
    report.files.push({ file, records, sheet: header?.sheet ?? null, header_line: header?.line ?? null });
  }
  return report;
}

function schemaFinding(
  error: ErrorObject,
  typed: Record<string, unknown>,
  columnOf: ReadonlyMap<string, number>,
  add: (field: string | null, column: number | null, detail: Record<string, string | number>) => void,
): void {
  const field = error.instancePath.split('/')[1] ?? null;
  if (field !== null && !(field in typed)) return;
  add(field, field !== null ? (columnOf.get(field) ?? null) : null, { schema: error.message ?? error.keyword });
}
