// dabiao schema standard|dictionary: the JSON Schemas files are validated against, for other tools.
import { CHECK_KINDS } from '../../engine/checks/index.js';
import { DabiaoError } from '../../errors.js';
import { composeStandardSchema, DICTIONARY_SCHEMA } from '../../standards/schema.js';
import type { Io } from '../io.js';
import { surveyRecordSchema } from '../../standards/survey-schema.js';
import { REPORT_SCHEMA } from '../../report/report-schema.js';
import { loadDictionary } from '../../standards/load.js';
import { loadAll } from '../setup.js';

const SCHEMAS = {
  standard: () => composeStandardSchema(CHECK_KINDS),
  // With -s, the fields those standards declare are part of a survey record.
  survey: (standards: readonly string[]) => surveyRecordSchema(standards.length > 0 ? loadAll(standards).dictionary : loadDictionary()),
  report: () => REPORT_SCHEMA,
  dictionary: () => ({ $schema: 'http://json-schema.org/draft-07/schema#', ...DICTIONARY_SCHEMA }),
} as const;

export async function schema(name: string, options: { standard?: string[] }, io: Io): Promise<number> {
  if (!Object.hasOwn(SCHEMAS, name)) {
    throw new DabiaoError({ code: 'bad-usage', params: { what: 'schema', value: name, available: Object.keys(SCHEMAS).join(', ') } });
  }
  await io.stdout.write(`${JSON.stringify(SCHEMAS[name as keyof typeof SCHEMAS](options.standard ?? []), null, 2)}\n`);
  return 0;
}
