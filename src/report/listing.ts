// What a report lists, and at what level: one policy shared by the engine's `keep` (which results
// are built in full), every format, and the CLI. By default a report lists problems (failures and
// unknowns); --all lists every result; the formats that annotate problems (SARIF, GitHub, Markdown)
// list problems whatever --all says. A failure's level follows its rule's severity; a target not yet
// due is a note.
import type { Result, Status } from '../model.js';

/** Failures and results that could not be judged: what every report lists. */
export function isProblem(status: Status): boolean {
  return status === 'fail' || status === 'unknown';
}

/** Whether a report listing results (table, CSV, JSON, HTML) shows one with this status. */
export function isListed(status: Status, all: boolean): boolean {
  return all || isProblem(status);
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
  /** Whether a result with this status is built in full for some report. */
  keep(status: Status): boolean;
  /** Whether any report lists results (a matrix alone needs only statuses). */
  any: boolean;
}

/** The listing for a run's report formats: each lists problems, some more (JUnit: passes), --all everything. */
export function listingFor(formats: readonly { listsNone?: boolean; alsoLists?: readonly Status[] }[], all: boolean): Listing {
  const listing = formats.filter((format) => !format.listsNone);
  const any = listing.length > 0;
  const statuses = new Set<Status>(any ? ['fail', 'unknown', ...listing.flatMap((format) => format.alsoLists ?? [])] : []);
  return { statuses: [...statuses], keep: all && any ? () => true : (status) => statuses.has(status), any };
}
