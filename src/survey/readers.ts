// The registry of input formats. Adding a format = adding a reader file and one entry here.
import { extname } from 'node:path';
import { DabiaoError } from '../errors.js';
import { csvReader } from './csv.js';
import { jsonReader } from './json.js';
import { ndjsonReader } from './ndjson.js';
import type { SurveyReader } from './reader.js';
import { xlsxReader } from './xlsx.js';

export const READERS: readonly SurveyReader[] = [csvReader, jsonReader, ndjsonReader, xlsxReader];

export function readerFor(file: string, format?: string): SurveyReader {
  const reader = format
    ? READERS.find((candidate) => candidate.format === format)
    : READERS.find((candidate) => candidate.extensions.includes(extname(file).toLowerCase()));
  if (!reader) {
    throw new DabiaoError({
      code: 'unsupported-format',
      params: { ext: format ?? (extname(file) || file), formats: READERS.map((r) => r.format).join(', ') },
      location: { file },
    });
  }
  return reader;
}
