// dabiao fields: the data dictionary — each field's labels, type, unit, allowed values and which
// bundled standards read it.
import Table from 'cli-table3';
import type { Standard } from '../../model.js';
import type { Io } from '../io.js';
import { choice, loadAll, parseLang } from '../setup.js';
import { neededFields } from '../field-hints.js';
import { FIELDS_COLUMNS, FIELDS_TEXT } from '../../i18n/command-text.js';

export async function fields(options: { format: string; lang?: string; standard?: string[] }, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  choice('--format', options.format, ['table', 'json'] as const);
  const { dictionary, standards } = loadAll(options.standard ?? []);
  const readers = new Map<string, string[]>();
  for (const standard of standards as Standard[]) {
    for (const field of neededFields([standard])) readers.set(field, [...(readers.get(field) ?? []), standard.id]);
  }
  const rows = [...dictionary.fields.values()].map((field) => ({
    field: field.id,
    label: field.label,
    type: field.type,
    unit: field.unit ?? null,
    values: field.values ? Object.fromEntries(Object.entries(field.values).map(([id, v]) => [id, v[lang]])) : null,
    aliases: field.aliases,
    standards: readers.get(field.id) ?? [],
  }));
  if (options.format === 'json') {
    await io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const table = new Table({
    head: [...FIELDS_COLUMNS[lang]],
    style: { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: false,
    colWidths: [36, 26, 30, 9, 10, 40],
  });
  for (const row of rows) {
    const type = row.values ? `${row.type}\n${Object.values(row.values).join('/')}` : row.type;
    const unit = row.unit ? (dictionary.units.get(row.unit)?.symbol[lang] ?? row.unit) : '';
    table.push([row.field, row.label.zh, row.label.en, type, unit, row.standards.join('\n')]);
  }
  await io.stdout.write(`${table.toString()}\n${FIELDS_TEXT.count[lang](rows.length)}\n`);
  return 0;
}
