// What a report lists, and at what level: one policy shared by the engine's `keep` (which results
// are built in full), every format, and the CLI. By default a report lists problems (failures and
// unknowns); --all lists every result; the formats that annotate problems (SARIF, GitHub, Markdown)
// list problems whatever --all says. A failure's level follows its rule's severity; a target not yet
// due is a note.
import type { EvaluatedBatch } from '../engine/evaluate.js';
import type { Result, Status } from '../model.js';
import type { ResultBatch } from './format.js';

/** Failures and results that could not be judged: what every report lists. */
export function isProblem(status: Status): boolean {
  return status === 'fail' || status === 'unknown';
}

/** Whether a report listing results (table, CSV, JSON, HTML) shows one with this status: problems,
 * and waived results with their waiver; --all everything. */
export function isListed(status: Status, all: boolean): boolean {
  return all || isProblem(status) || status === 'waived';
}

export type Level = 'error' | 'warning' | 'note';

/** The level of a listed result: required → error, guidance → warning, not yet due → note. */
export function levelOf(result: Pick<Result, 'severity' | 'due'>): Level {
  if (!result.due) return 'note';
  return result.severity === 'required' ? 'error' : 'warning';
}

/** What the reports of one run need built in full: the statuses, and whether any result at all. */
export interface Listing {
  statuses: Status[];
  /** Whether a result with this status is built in full for some report. The unknowns of a rule the
   * survey has no column for are told once, as coverage, never under every record (not with --all either). */
  keep(status: Status, rule: unknown, uncovered: boolean): boolean;
  /** Whether any report lists results (a matrix alone needs only statuses). */
  any: boolean;
  /** Whether some report shows every record's verdicts (ResultBatch.records). */
  records: boolean;
}

/** The listing for a run's report formats: each lists problems, some more (JUnit: passes), --all everything. */
export function listingFor(formats: readonly { listsNone?: boolean; alsoLists?: readonly Status[]; showsRecords?: boolean }[], all: boolean): Listing {
  const listing = formats.filter((format) => !format.listsNone);
  const any = listing.length > 0;
  const statuses = new Set<Status>(any ? ['fail', 'unknown', 'waived', ...listing.flatMap((format) => format.alsoLists ?? [])] : []);
  const keep = (status: Status, _rule: unknown, uncovered: boolean): boolean => !(uncovered && status === 'unknown') && ((all && any) || statuses.has(status));
  return { statuses: [...statuses], keep, any, records: formats.some((format) => format.showsRecords === true) };
}

/** About this many results are built and written at a time. */
const RESULTS_PER_PART = 20_000;

/**
 * A batch's listed results in parts of whole records, each about RESULTS_PER_PART results: thousands
 * of records against hundreds of rules, all unknown, would otherwise build millions of results (and
 * one report text of gigabytes) at once. The batch's statuses go with the first part only, so a
 * format that shows statuses (the matrix) writes each record once.
 */
export function* listedParts(evaluated: EvaluatedBatch, listing: Listing, rules: number): Generator<ResultBatch> {
  const size = evaluated.batch.size;
  if (!listing.any || size === 0) {
    yield { results: [], aggregate: false, evaluated };
    return;
  }
  const step = Math.max(1, Math.floor(RESULTS_PER_PART / Math.max(1, rules)));
  for (let from = 0; from < size; from += step) {
    const first = from === 0 ? { evaluated, ...(listing.records ? { records: evaluated.records() } : {}) } : {};
    yield { results: evaluated.results(listing.keep, from, from + step), aggregate: false, ...first };
  }
}
