// What the standards loader needs to know about a check kind to validate a rule, before any engine code runs.
// The engine's check kinds implement this; the CLI hands their registry to the loader.
import type { CheckSpec, Dictionary, FieldType, Text } from '../model.js';
import type { Wording } from '../i18n/quantities.js';
import type { ProblemCode } from '../i18n/problems.js';
import type { DataPath } from './yaml-source.js';

export interface FieldUse {
  /** Option that names the field, e.g. `field` or `per_field`. */
  option: string;
  field: string;
  types: readonly FieldType[];
  /** The check looks list entries up by name, so names outside the vocabulary are worth reporting. */
  byName?: boolean;
}

export interface KindProblem {
  /** Path relative to the check object. */
  path: DataPath;
  code: ProblemCode;
  params: Readonly<Record<string, string | number>>;
}

/** `C` is the kind's options type: its schema guarantees that shape before any method is called. Methods (not
 * arrow properties) keep `check` bivariant, so a `KindDefinition<BooleanCheck>` is still a `KindDefinition`. */
export interface KindDefinition<C extends CheckSpec = CheckSpec> {
  kind: string;
  /** Aggregate kinds judge a group of records, not one record. */
  aggregate: boolean;
  summary: Text;
  /** JSON Schema of the check object, `kind` included. */
  schema: Readonly<Record<string, unknown>>;
  fieldsRead(check: C): FieldUse[];
  /** Checks nested inside this one (e.g. the per-record check a share counts). */
  nested?(check: C): { path: DataPath; check: CheckSpec }[];
  /** Items the check names in a list field's vocabulary, so the loader can insist on canonical names. */
  itemsNamed?(check: C): { path: DataPath; field: string; item: string }[];
  /** Problems the schema cannot express (min above max, unsafe patterns). */
  lint?(check: C, dictionary: Dictionary): KindProblem[];
  /** The requirement as a person reads it: "服务中心面积 ≥ 350平方米". `nested` states inner checks. */
  describe(check: C, wording: Wording, nested: (inner: CheckSpec) => string): string;
}

/** A check and every check nested in it (a share's per-record check), each with its kind; checks of
 * kinds not in the registry are left out (validation reports them). */
export function checksWithin<K extends KindDefinition>(check: CheckSpec, kinds: ReadonlyMap<string, K>): { check: CheckSpec; kind: K }[] {
  const kind = kinds.get(check.kind);
  if (!kind) return [];
  return [{ check, kind }, ...(kind.nested?.(check) ?? []).flatMap((inner) => checksWithin(inner.check, kinds))];
}

/** Every field a check reads, nested checks included. */
export function fieldUses(check: CheckSpec, kinds: ReadonlyMap<string, KindDefinition>): FieldUse[] {
  return checksWithin(check, kinds).flatMap(({ check: inner, kind }) => kind.fieldsRead(inner));
}
