// dabiao template: a blank survey form with exactly the columns the chosen standards read, headers in
// the chosen language with units, and one example row (CSV; its id 示例 marks it, and readers skip it)
// or input help, drop-down lists and number validation (Excel). A row filled in the way the example
// shows validates clean.
import { columnLetters } from '../../text.js';
import { EXAMPLE_MARK } from '../../survey/footer.js';
import ExcelJS from 'exceljs';
import { DabiaoError } from '../../errors.js';
import type { Dictionary, FieldDef, Lang, Standard } from '../../model.js';
import type { Io } from '../io.js';
import { checkOutputPath, fileOutput } from '../output.js';
import { choice, loadAll, parseLang } from '../setup.js';
import { collectHints, groupFillers, neededFields, type FieldHints } from '../field-hints.js';
import { TEMPLATE_TEXT as T } from '../../i18n/command-text.js';
import { WORDS } from '../../i18n/words.js';

export interface TemplateOptions {
  standard: string[];
  format: string;
  lang?: string;
  output?: string;
}

/** Columns of the form: identity first, then every field the standards read, in dictionary order. */
export function templateFields(dictionary: Dictionary, standards: readonly Standard[]): FieldDef[] {
  const needed = neededFields(standards);
  for (const field of ['id', 'name', 'region']) needed.add(field);
  return [...dictionary.fields.values()].filter((field) => needed.has(field.id));
}

export function headerFor(field: FieldDef, dictionary: Dictionary, lang: Lang): string {
  const unit = field.unit ? dictionary.units.get(field.unit)?.symbol[lang] : undefined;
  if (!unit) return field.label[lang];
  return T.headerWithUnit[lang](field.label[lang], unit);
}

function exampleValue(field: FieldDef, hint: FieldHints | undefined, lang: Lang): string {
  switch (field.type) {
    case 'string':
      // The example row's id marks it as the example: readers skip it, so it is never counted as a village.
      return field.id === 'id' ? EXAMPLE_MARK[lang] : field.id === 'region' ? T.exampleRegion[lang] : T.exampleName[lang];
    case 'enum': {
      const scoped = [...(hint?.scope.entries() ?? [])].sort((a, b) => b[1] - a[1])[0]?.[0];
      const key = scoped ?? Object.keys(field.values ?? {})[0] ?? '';
      const value = field.values?.[key];
      return value ? value[lang] : key;
    }
    case 'boolean':
      return WORDS[hint?.expectFalse ? 'no' : 'yes'][lang];
    case 'list': {
      const items = [...(hint?.items ?? []), ...groupFillers(hint, T.exampleItem[lang])];
      return items.length > 0 ? items.join(T.listSeparator[lang]) : T.emptyList[lang];
    }
    case 'date':
      return '2026-01-01';
    case 'integer':
    case 'number': {
      if (field.id === 'households') return '1200';
      if (field.id === 'population') return '3600';
      const low = hint && hint.mins.length > 0 ? Math.max(...hint.mins) : undefined;
      const high = hint && hint.maxes.length > 0 ? Math.min(...hint.maxes) : undefined;
      let value = low ?? high ?? 1;
      if (high !== undefined && value > high) value = high;
      if (field.max !== undefined) value = Math.min(value, field.max);
      if (field.min !== undefined) value = Math.max(value, field.min);
      return String(field.type === 'integer' ? Math.ceil(value) : value);
    }
  }
}

function helpText(field: FieldDef, dictionary: Dictionary, lang: Lang): string {
  const unit = field.unit ? dictionary.units.get(field.unit)?.symbol[lang] : undefined;
  switch (field.type) {
    case 'enum':
      return T.helpEnum[lang](Object.values(field.values ?? {}).map((v) => v[lang]).join('/'));
    case 'boolean':
      return T.helpBoolean[lang];
    case 'list':
      return T.helpList[lang];
    case 'integer':
      return T.helpInteger[lang](unit);
    case 'number':
      return T.helpNumber[lang](unit);
    case 'date':
      return T.helpDate[lang];
    case 'string':
      return field.id === 'id' ? T.helpId[lang] : T.helpText[lang];
  }
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function template(options: TemplateOptions, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  choice('--format', options.format, ['csv', 'xlsx'] as const);
  if (options.format === 'xlsx' && !options.output) throw new DabiaoError({ code: 'bad-usage', params: { what: 'xlsx-output' } });
  const { dictionary, standards } = loadAll(options.standard);
  const fields = templateFields(dictionary, standards);
  const hints = collectHints(standards);
  const headers = fields.map((field) => headerFor(field, dictionary, lang));
  const example = fields.map((field) => exampleValue(field, hints.get(field.id), lang));

  if (options.format === 'csv') {
    // UTF-8 with BOM, so Excel on a Chinese Windows machine opens it with the right characters.
    const text = `\uFEFF${headers.map(csvCell).join(',')}\r\n${example.map(csvCell).join(',')}\r\n`;
    if (options.output) {
      checkOutputPath(options.output, standards.map((standard) => standard.file));
      const output = fileOutput(options.output);
      await output.write(text);
      await output.commit();
    } else await io.stdout.write(text);
    return 0;
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dabiao';
  const sheet = workbook.addWorksheet(T.sheetName[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  const rows = 1000;
  fields.forEach((field, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(40, Math.max(12, (headers[i]?.length ?? 10) * 2));
    const header = sheet.getCell(1, i + 1);
    header.note = helpText(field, dictionary, lang);
    let validation: ExcelJS.DataValidation | undefined;
    if (field.type === 'enum') {
      validation = { type: 'list', allowBlank: true, formulae: [`"${Object.values(field.values ?? {}).map((v) => v[lang]).join(',')}"`] };
    } else if (field.type === 'boolean') {
      validation = { type: 'list', allowBlank: true, formulae: [T.yesNoChoices[lang]] };
    } else if (field.type === 'number' || field.type === 'integer') {
      validation = {
        type: field.type === 'integer' ? 'whole' : 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [field.min ?? 0, field.max ?? 1e12],
        showErrorMessage: true,
        errorTitle: T.invalidNumber[lang],
        error: helpText(field, dictionary, lang),
      };
    }
    // One validation per column range: set cell by cell, exceljs merges them into overlapping ranges
    // (C2:C1001 and C10:C1001), which Excel offers to "repair".
    if (validation) {
      const column = columnLetters(i + 1);
      (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${column}2:${column}${rows + 1}`, validation);
    }
  });
  const buffer = await workbook.xlsx.writeBuffer();
  checkOutputPath(options.output as string, standards.map((standard) => standard.file));
  const output = fileOutput(options.output as string);
  await output.writeBytes(new Uint8Array(buffer as ArrayBuffer));
  await output.commit();
  return 0;
}
