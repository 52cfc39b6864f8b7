// The file-system edge of the survey stage: open each file, pick its reader, map its headers to
// canonical fields, and yield records one at a time. Nothing is held beyond the current record.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DabiaoError } from '../errors.js';
import type { Dictionary, SurveyRecord } from '../model.js';
import { HeaderMatcher } from './headers.js';
import { readerFor } from './readers.js';

export interface SurveyNotice {
  file: string;
  /** Columns that match no field of the data dictionary: reported, then ignored. */
  unknownColumns: string[];
}

export interface ReadSurveyOptions {
  dictionary: Dictionary;
  format?: string;
  onNotice?: (notice: SurveyNotice) => void;
}

export async function* readSurvey(files: readonly string[], options: ReadSurveyOptions): AsyncGenerator<SurveyRecord> {
  const matcher = new HeaderMatcher(options.dictionary);
  for (const file of files) {
    const reader = readerFor(file, options.format);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a regular file');
    } catch (error) {
      throw new DabiaoError({ code: 'file-unreadable', params: { detail: error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error) }, location: { file } });
    }
    const unknown = new Set<string>();
    let count = 0;
    for await (const row of reader.read(createReadStream(file), file)) {
      const values = new Map<string, unknown>();
      const source = new Map<string, string>();
      for (const [key, value] of row.entries) {
        const field = matcher.match(key);
        if (field === null) {
          if (key !== '') unknown.add(key);
          continue;
        }
        const other = source.get(field);
        if (other !== undefined) {
          throw new DabiaoError({ code: 'survey-header', params: { detail: `"${other}" and "${key}" both mean field ${field}` }, location: { file, line: row.line } });
        }
        source.set(field, key);
        values.set(field, value);
      }
      count++;
      yield { file, line: row.line, values };
    }
    if (unknown.size > 0) options.onNotice?.({ file, unknownColumns: [...unknown] });
    if (count === 0) throw new DabiaoError({ code: 'survey-no-records', params: {}, location: { file, line: 1 } });
  }
}
