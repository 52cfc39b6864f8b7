// A record of raw values (a planner's site, a test's record) as checks see it: typed values by
// canonical field, each parsed once, on first use.
import type { Parsed, RecordView } from '../batch.js';
import type { Dictionary, SurveyRecord } from '../model.js';
import { parseValue } from '../survey/values.js';

export class RawRecordView implements RecordView {
  private readonly cache = new Map<string, Parsed>();

  constructor(
    readonly record: SurveyRecord,
    private readonly dictionary: Dictionary,
  ) {}

  get(field: string): Parsed {
    let parsed = this.cache.get(field);
    if (!parsed) {
      const def = this.dictionary.fields.get(field);
      parsed = def ? parseValue(this.record.values.get(field), def, this.dictionary) : { ok: false, problem: 'missing' };
      this.cache.set(field, parsed);
    }
    return parsed;
  }
}
