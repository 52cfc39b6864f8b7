// Shared types for the whole pipeline: standards -> survey -> engine -> report.
import type { Problem } from './errors.js';

export type Lang = 'zh' | 'en';
export const LANGS = ['zh', 'en'] as const satisfies readonly Lang[];

export interface Text {
  zh: string;
  en: string;
}

export type Severity = 'required' | 'guidance';
export type Status = 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'waived';

/** An approved exception for one record and rule (see standards/waivers.ts). */
export interface WaiverInfo {
  reason: string;
  approved_by: string;
  approved_on: string;
  /** The last day it applies; null when it does not expire. */
  expires: string | null;
}

/** A record's verdict under a standard (see engine/verdicts.ts). */
export type Verdict = 'compliant' | 'non_compliant' | 'undetermined' | 'not_applicable';

/** One record with its verdict under each standard and the rules (`standard/rule`) behind it. */
export interface RecordVerdict {
  record: string | null;
  name: string | null;
  region: string | null;
  file: string;
  line: number;
  sheet: string | null;
  verdicts: Record<string, Verdict>;
  failed: string[];
  /** Rules that could not be judged for this record; those no input could feed are in the coverage instead. */
  unknown: string[];
  waived: string[];
}

/**
 * Which records a rule applies to: any boolean or enum field of the dictionary with the values it must
 * hold (level, area type, build type, has a kiosk, is a demonstration village …). Values are stored as
 * the canonical codes survey values parse to: enum ids, and "true"/"false" for booleans.
 */
export type Scope = Readonly<Record<string, readonly string[]>>;

/** The years of data a target is set for (2010 quotas judge 2010 data), both ends inclusive. */
export interface YearRange {
  from: number;
  to: number;
}

export interface Citation {
  section: string;
  /** Verbatim text from the source; several fragments when the clause is split in the source. */
  quote: string | string[];
  /** The document the clause is in, when not the standard's own (a rule inherited through `extends`). */
  document?: string;
}

/** A check as written in a standard file: `kind` picks the check, the rest are its options. */
export interface CheckSpec {
  kind: string;
  [option: string]: unknown;
}

export interface ScheduleEntry {
  due: string;
  min?: number;
  max?: number;
}

/** Where a node came from in its YAML file, for messages that point at file:line. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface Rule {
  id: string;
  title: Text;
  scope?: Scope;
  /** The target is for data of these years; data of other years is not_applicable. */
  year?: YearRange;
  severity: Severity;
  check: CheckSpec;
  deadline?: string;
  schedule?: ScheduleEntry[];
  citation: Citation;
  /** How an ambiguous or garbled text was read, in both languages where the standard gives both. */
  interpretation?: Text;
  /** The requirement's values are this reading, not the text's own words (保康's tiers by household
   * count): shown as an interpretation wherever the rule is shown. */
  interpreted?: boolean;
  position?: SourcePosition;
  /** A rule taken from the standard this one extends: that standard, and the clause it cites there
   * (the rule's own citation is the clause in force: the base's, or the override's that changed it). */
  inherited?: { standard: string; citation: Citation };
}

export interface StandardSource {
  seed?: string;
  document: string;
  issuer?: string;
  year?: number;
  section?: string;
  /** How the document was read as a whole, and the decisions taken on reviews of the reading. */
  notes?: Text;
}

export interface Standard {
  id: string;
  title: Text;
  source: StandardSource;
  rules: Rule[];
  /** File the standard was loaded from. */
  file: string;
  /** Points of form the standard loads despite (an alias as a rule item); `lint` refuses them. */
  warnings?: readonly Problem[];
  /** Fields the standard (or one it extends) declares for data the dictionary lacks. */
  fields?: FieldDef[];
  /** The standard this one extends (its id). */
  extends?: string;
  /** Inherited rules this standard drops, with why and the clause that says so. */
  disabled?: { rule: string; title: Text; reason?: Text; citation: Citation }[];
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'list' | 'date';

export interface EnumValue {
  zh: string;
  en: string;
  aliases: string[];
}

export interface FieldDef {
  id: string;
  type: FieldType;
  unit?: string;
  label: Text;
  aliases: string[];
  values?: Record<string, EnumValue>;
  min?: number;
  max?: number;
  /** List fields: the vocabulary their entries are named from (see Dictionary.vocabularies). */
  vocabulary?: string;
}

/** Canonical item name for a list entry, keyed by its normalised name or alias. */
export type Vocabulary = ReadonlyMap<string, string>;

export interface Dictionary {
  fields: ReadonlyMap<string, FieldDef>;
  /** Named vocabularies; each list field names the one its entries come from. */
  vocabularies: ReadonlyMap<string, Vocabulary>;
  units: ReadonlyMap<string, UnitDef>;
}

const NO_VOCABULARY: Vocabulary = new Map();

/** The vocabulary a list field's entries are named from (empty when it names none). */
export function vocabularyOf(dictionary: Dictionary, field: string): Vocabulary {
  const name = dictionary.fields.get(field)?.vocabulary;
  return (name !== undefined ? dictionary.vocabularies.get(name) : undefined) ?? NO_VOCABULARY;
}

export interface UnitDef {
  id: string;
  symbol: Text;
  /** Suffixes accepted after a number, e.g. ㎡, 平方米, m2. */
  suffixes: string[];
  /** Other units a number may be written in, with the factor into this one: {亩: 666.67}. */
  conversions?: Record<string, number>;
}

/** One survey row with its raw values keyed by canonical field id. */
export interface SurveyRecord {
  file: string;
  /** 1-based line of the record's first line (the header is line 1 in CSV), or its worksheet row. */
  line: number;
  values: ReadonlyMap<string, unknown>;
  /** The worksheet, for Excel. */
  sheet?: string;
  /** 1-based column of each field, where the format has columns. */
  columns?: ReadonlyMap<string, number>;
}

/** Why a result has its status: data, rendered to text only by reports. */
export type Reason =
  | { type: 'ok' }
  | { type: 'missing'; fields: string[] }
  | { type: 'unparseable'; field: string; raw: string; problem: string }
  | { type: 'out-of-scope'; field: string; value: string }
  | { type: 'other-year'; year: number; target: YearRange }
  | { type: 'below-min' }
  | { type: 'above-max' }
  | { type: 'not-expected'; expected: boolean }
  | { type: 'missing-items'; items: string[] }
  | { type: 'group-short'; groups: { name: Text; have: number; need: number; missing?: string[] }[] }
  | { type: 'no-match' }
  | { type: 'no-tier' }
  | { type: 'no-records' }
  | { type: 'share-undecided'; unknown: number }
  | { type: 'mean-undecided'; unknown: number };

export interface Requirement {
  min?: number;
  max?: number;
  equals?: boolean;
  items?: string[];
  /** min/max bound the number of entries of a list, not a value. */
  count?: boolean;
  /** For counts restricted to named entries: only these are counted. */
  of?: string[];
  groups?: { name: Text; min: number; items?: string[]; suffix?: string }[];
  pattern?: string;
  unit?: string;
  /** How the figure was derived, e.g. 20 m² per 100 households × 1,234 households. */
  basis?:
    | { per_field: string; amount: number; per: number; base: number }
    | { by: string; value: number; tier: { from?: number; below?: number } }
    /** The bound is another field of the same record (activity space ≥ office space). */
    | { other: string; value: number };
}

export interface Outcome {
  status: Exclude<Status, 'not_applicable'> | 'not_applicable';
  actual: unknown;
  expected: Requirement;
  /** Amount short of passing, in the field's unit, for numeric checks. */
  gap?: number;
  reason: Reason;
}

export interface Result {
  standard: string;
  rule: string;
  record: string | null;
  name: string | null;
  /** The record's region (per-record results) or the group an aggregate result is about. */
  region: string | null;
  group: string | null;
  file: string | null;
  line: number | null;
  /** Worksheet (Excel) and 1-based column of the first field the rule reads, where known. */
  sheet: string | null;
  column: number | null;
  fields: string[];
  status: Status;
  severity: Severity;
  /** False while the rule's deadline (or first dated target) lies after --as-of. */
  due: boolean;
  deadline: string | null;
  actual: unknown;
  expected: Requirement;
  gap: number | null;
  reason: Reason;
  /** Values read in another unit and converted (12亩 -> 8,000.04 m²), stated so nobody is surprised. */
  conversions?: { field: string; raw: string; from: string; factor: number }[];
  /** The approved exception a waived result carries. */
  waiver?: WaiverInfo;
}
