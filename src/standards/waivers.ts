// Waivers: approved exceptions for one record and rule (the survey's record id, a standard checked in
// this run, one of its rules), each with its reason, approver, approval date and optional expiry. The
// file is untrusted input, read like a standard: schema-checked, every problem located, all at once.
import { DabiaoError, type Problem } from '../errors.js';
import type { Standard, WaiverInfo } from '../model.js';
import { isIsoDate, neutraliseDeep } from '../text.js';
import { schemaProblems } from './ajv.js';
import { validatorFor } from './schema-validators.js';
import { suggest } from './suggest.js';
import type { YamlSource } from './yaml-source.js';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

export const WAIVERS_SCHEMA = {
  $id: 'https://dabiao.dev/schemas/waivers.json',
  title: 'dabiao waivers',
  type: 'object',
  required: ['waivers'],
  additionalProperties: false,
  properties: {
    waivers: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        required: ['record', 'standard', 'rule', 'reason', 'approved_by', 'approved_on'],
        additionalProperties: false,
        properties: {
          record: { type: ['string', 'integer'], minLength: 1, maxLength: 200 },
          standard: text(80),
          rule: text(80),
          reason: text(2000),
          approved_by: text(200),
          approved_on: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          expires: { anyOf: [{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'null' }] },
        },
      },
    },
  },
} as const;

export interface Waiver extends WaiverInfo {
  record: string;
  standard: string;
  rule: string;
  /** Where it is written, for notices. */
  line: number;
}

export interface Waivers {
  /** In force at the run's date. */
  active: Waiver[];
  /** Past their expiry: not applied, each named on stderr. */
  expired: Waiver[];
  file: string;
}

interface WaiverData {
  record: string | number;
  standard: string;
  rule: string;
  reason: string;
  approved_by: string;
  approved_on: string;
  expires?: string | null;
}

/** The waivers of a file, checked against the standards of this run; `asOf` decides which have expired. */
export function parseWaivers(source: YamlSource, standards: readonly Standard[], asOf: string): Waivers {
  const validate = validatorFor(WAIVERS_SCHEMA);
  if (!validate(source.data)) {
    const problems = schemaProblems(validate.errors, source);
    throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  }
  const data = neutraliseDeep(source.data) as { waivers: WaiverData[] };
  const problems: Problem[] = [];
  const byId = new Map(standards.map((standard) => [standard.id, standard]));
  const seen = new Map<string, number>();
  const waivers: Waiver[] = [];
  data.waivers.forEach((entry, i) => {
    const at = (key: string) => source.locate(['waivers', i, key]);
    const line = source.locate(['waivers', i]).line ?? 1;
    const standard = byId.get(entry.standard);
    if (!standard) {
      const suggestion = suggest(entry.standard, byId.keys());
      problems.push({ code: 'waiver-unknown-standard', params: { standard: entry.standard, available: [...byId.keys()].join(', '), ...(suggestion ? { suggestion } : {}) }, location: at('standard') });
      return;
    }
    if (!standard.rules.some((rule) => rule.id === entry.rule)) {
      const suggestion = suggest(entry.rule, standard.rules.map((rule) => rule.id));
      problems.push({ code: 'waiver-unknown-rule', params: { standard: standard.id, rule: entry.rule, ...(suggestion ? { suggestion } : {}) }, location: at('rule') });
      return;
    }
    for (const key of ['approved_on', 'expires'] as const) {
      const value = entry[key];
      if (typeof value === 'string' && !isIsoDate(value)) problems.push({ code: 'bad-date', params: { value }, location: at(key) });
    }
    const record = String(entry.record);
    const key = `${record}\u0000${entry.standard}\u0000${entry.rule}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ code: 'waiver-duplicate', params: { first }, location: at('record') });
    seen.set(key, line);
    waivers.push({ record, standard: entry.standard, rule: entry.rule, reason: entry.reason, approved_by: entry.approved_by, approved_on: entry.approved_on, expires: entry.expires ?? null, line });
  });
  if (problems.length > 0) throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  const expired = waivers.filter((waiver) => waiver.expires !== null && waiver.expires < asOf);
  return { active: waivers.filter((waiver) => !expired.includes(waiver)), expired, file: source.file };
}
