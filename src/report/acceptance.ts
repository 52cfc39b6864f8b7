// What the human reports (terminal, HTML, Markdown) lead with: each record's verdicts and, for the
// records they show, what it must fix (required, due rules that failed or could not be judged), the
// guidance and targets not yet due apart, and the waivers that apply. Records come with the first part
// of each batch (listing.ts); their results follow in parts of whole records.
import type { RecordVerdict, Result } from '../model.js';
import type { ResultBatch } from './format.js';
import { isProblem } from './listing.js';

export interface RecordSheet {
  record: RecordVerdict;
  /** Required, due rules that failed or could not be judged: what makes the verdict. */
  blocking: Result[];
  /** Guidance failures and targets not yet due: told apart, they never change a verdict. */
  guidance: Result[];
  waived: Result[];
  /** Anything else listed (passes and not applicable with --all). */
  others: Result[];
}

const keyOf = (file: string | null, line: number | null, sheet: string | null): string => `${file ?? ''}\u0000${line ?? ''}\u0000${sheet ?? ''}`;

export class AcceptanceCollector {
  readonly sheets: RecordSheet[] = [];
  readonly aggregates: Result[] = [];
  /** Records past the limit: counted in the roll-up, not shown one by one. */
  hidden = 0;
  private readonly byPlace = new Map<string, RecordSheet>();

  /** `limit`: records shown one by one (0 = all). */
  constructor(private readonly limit: number) {}

  add(batch: ResultBatch): void {
    if (batch.aggregate) {
      this.aggregates.push(...batch.results);
      return;
    }
    for (const record of batch.records ?? []) {
      if (this.limit > 0 && this.sheets.length >= this.limit) {
        this.hidden++;
        continue;
      }
      const sheet: RecordSheet = { record, blocking: [], guidance: [], waived: [], others: [] };
      this.sheets.push(sheet);
      this.byPlace.set(keyOf(record.file, record.line, record.sheet), sheet);
    }
    for (const result of batch.results) {
      const sheet = this.byPlace.get(keyOf(result.file, result.line, result.sheet));
      if (!sheet) continue;
      if (result.status === 'waived') sheet.waived.push(result);
      else if (isProblem(result.status)) (result.severity === 'required' && result.due ? sheet.blocking : sheet.guidance).push(result);
      else sheet.others.push(result);
    }
  }
}
