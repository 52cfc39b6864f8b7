// The rules a survey cannot feed (a field they need has no column), as every report tells them: once,
// with the columns that would feed them, never as an unknown under every record.
import type { Coverage } from '../engine/summary.js';
import { COVERAGE_TEXT } from '../i18n/report-text.js';
import type { Lang, Rule, Severity } from '../model.js';
import { ruleKey, type ReportContext } from './context.js';
import { PUNCTUATION } from '../i18n/words.js';

export interface UncoveredRule {
  standard: string;
  rule: string;
  /** The rule as the standard gives it (title, citation), when known. */
  definition: Rule | undefined;
  fields: readonly string[];
  severity: Severity;
  due: boolean;
  files: readonly string[];
}

export function uncoveredRules(coverage: readonly Coverage[], context: ReportContext): UncoveredRule[] {
  return coverage.flatMap((entry) =>
    entry.uncovered.map((rule) => ({ standard: entry.standard, rule: rule.rule, definition: context.rules.get(ruleKey(entry.standard, rule.rule)), fields: rule.fields, severity: rule.severity, due: rule.due, files: rule.files })),
  );
}

/** Field names as the survey's columns are labelled, in the report's language. */
export function columnNames(fields: readonly string[], context: ReportContext, limit = Number.POSITIVE_INFINITY): string {
  const lang: Lang = context.lang;
  const names = fields.map((field) => `“${context.dictionary.fields.get(field)?.label[lang] ?? field}”`);
  const shown = names.slice(0, limit).join(PUNCTUATION.listSeparator[lang]);
  return names.length > limit ? `${shown}${COVERAGE_TEXT.more[lang](names.length)}` : shown;
}

/** The line a human report opens with when rules go uncovered; null when the survey covers every rule. */
export function coverageLine(coverage: readonly Coverage[], context: ReportContext): string | null {
  const rules = uncoveredRules(coverage, context);
  if (rules.length === 0) return null;
  const fields = [...new Set(rules.flatMap((rule) => rule.fields))];
  return COVERAGE_TEXT.summary[context.lang](rules.length, columnNames(fields, context, 6));
}

/** Why one uncovered rule cannot be judged. */
export function uncoveredReason(rule: Pick<UncoveredRule, 'fields'>, context: ReportContext): string {
  return COVERAGE_TEXT.rule[context.lang](columnNames(rule.fields, context));
}
