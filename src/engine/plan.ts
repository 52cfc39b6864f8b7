// Planning a site before it is built: for every rule that applies, what it demands of this site (the
// inverse of checking, from the same check kinds and the same targets in force), grouped by the field
// it reads, with the binding (strictest) value and the standard it comes from. A draft value the
// planner gave is judged by the very check `dabiao check` would run.
import type { CheckSpec, Citation, Dictionary, Requirement, Severity, Status, SurveyRecord, Text } from '../model.js';
import { vocabularyOf } from '../model.js';
import { normaliseName } from '../text.js';
import type { CheckKind } from './checks/check-kind.js';
import type { CompiledRule, Plan } from './compile.js';
import { compileContext, targetInForce } from './compile.js';
import { inScope } from './evaluate.js';
import { RawRecordView } from './record-view.js';

export interface PlanDemand {
  standard: string;
  rule: string;
  title: Text;
  severity: Severity;
  due: boolean;
  deadline: string | null;
  requirement: Requirement;
  citation: Citation;
  interpretation: Text | null;
  /** The requirement is an interpretation of the text, not its own words. */
  interpreted: boolean;
  /** The planner's draft value judged against this demand, when one was given. */
  draft: { status: Status; actual: unknown; gap: number | null } | null;
}

export interface Bound {
  value: number;
  standard: string;
  rule: string;
}

export interface PlanTopic {
  field: string;
  demands: PlanDemand[];
  /** The strictest bounds over the demands, and where they come from (`count`: bounds on the number of
   * list entries, `of`: the entries that count). */
  binding: { min?: Bound; max?: Bound; equals?: boolean; count?: boolean; of?: string[] } | null;
  /** Checklist items over all demands, once each under its canonical name, with the standards that ask
   * for it and whether the draft has it (null: no draft list given). */
  items: { item: string; standards: string[]; present: boolean | null }[];
  /** Category counts (一厅七站…) over all demands: the largest minimum per category, the entries of the
   * draft that count for it, and the entries the chosen standards name that would (candidates). */
  groups: { name: Text; min: number; suffix?: string; items?: string[]; standards: string[]; have: string[] | null; candidates: string[] }[];
  /** Demands no single value can meet (a minimum above another rule's maximum). */
  conflict: boolean;
}

export interface SitePlanResult {
  asOf: string;
  /** Required rules in force at --as-of. */
  binding: PlanTopic[];
  /** Required rules whose deadline has not come. */
  notYetDue: PlanTopic[];
  /** Guidance rules (一般/力争/原则上): meeting them is recommended. */
  guidance: PlanTopic[];
  /** Rules whose demand depends on a figure the planner did not give: never guessed. */
  needs: { standard: string; rule: string; title: Text; fields: string[] }[];
  /** Aggregate targets (coverage, averages) that apply to the whole region, not to one site. */
  regionWide: { standard: string; rule: string; title: Text; severity: Severity; deadline: string | null; check: CheckSpec; citation: Citation }[];
  notApplicable: number;
}

function topicOf(topics: Map<string, PlanTopic>, field: string): PlanTopic {
  let topic = topics.get(field);
  if (!topic) topics.set(field, (topic = { field, demands: [], binding: null, items: [], groups: [], conflict: false }));
  return topic;
}

/** The draft's list for a topic, canonical names, or null when the planner gave none. */
type DraftList = readonly string[] | null;

/** A topic's binding values, its items once each under their canonical names, and its groups with what
 * the draft counts and the candidates: `named`, the items any chosen rule names on the field. */
function settle(topic: PlanTopic, canonical: (item: string) => string, draft: DraftList, named: readonly string[]): PlanTopic {
  let min: Bound | undefined;
  let max: Bound | undefined;
  let equals: boolean | undefined;
  let count = false;
  const of = new Set<string>();
  const items = new Map<string, Set<string>>();
  const groups = new Map<string, PlanTopic['groups'][number]>();
  for (const demand of topic.demands) {
    const r = demand.requirement;
    if (r.min !== undefined && (min === undefined || r.min > min.value)) min = { value: r.min, standard: demand.standard, rule: demand.rule };
    if (r.max !== undefined && (max === undefined || r.max < max.value)) max = { value: r.max, standard: demand.standard, rule: demand.rule };
    if (r.count) count = true;
    for (const item of r.of ?? []) of.add(item);
    if (r.equals !== undefined) {
      if (equals !== undefined && equals !== r.equals) topic.conflict = true;
      equals = r.equals;
    }
    // Each room once, under its canonical name, whichever name a standard wrote.
    for (const written of r.items ?? []) {
      const item = canonical(written);
      items.set(item, (items.get(item) ?? new Set()).add(demand.standard));
    }
    for (const group of r.groups ?? []) {
      const key = `${group.name.zh}|${group.suffix ?? ''}`;
      const seen = groups.get(key);
      if (!seen) groups.set(key, { ...group, standards: [demand.standard], have: null, candidates: [] });
      else {
        seen.min = Math.max(seen.min, group.min);
        if (!seen.standards.includes(demand.standard)) seen.standards.push(demand.standard);
      }
    }
  }
  if (min && max && min.value > max.value) topic.conflict = true;
  const binding =
    min || max || equals !== undefined
      ? { ...(min ? { min } : {}), ...(max ? { max } : {}), ...(equals !== undefined ? { equals } : {}), ...(count ? { count } : {}), ...(of.size > 0 ? { of: [...of] } : {}) }
      : null;
  const has = new Set(draft ?? []);
  // This topic's own items first, then those the other sections name on the field.
  const candidates = [...new Set([...items.keys(), ...named])];
  const counts = (group: { suffix?: string; items?: string[] }, item: string): boolean =>
    (group.items?.map(canonical).includes(item) ?? false) || (group.suffix !== undefined && item.endsWith(group.suffix));
  return {
    ...topic,
    binding,
    items: [...items].map(([item, standards]) => ({ item, standards: [...standards], present: draft === null ? null : has.has(item) })),
    groups: [...groups.values()].map((group) => ({
      ...group,
      have: draft === null ? null : [...has].filter((item) => counts(group, item)),
      // What the chosen standards name that would count: a 站 the planner can choose.
      candidates: [...new Set([...(group.items ?? []).map(canonical), ...candidates.filter((item) => counts(group, item))])].filter((item) => !has.has(item)),
    })),
  };
}

export interface PlanOptions {
  kinds: ReadonlyMap<string, CheckKind>;
  dictionary: Dictionary;
}

export function planSite(plan: Plan, site: SurveyRecord, options: PlanOptions): SitePlanResult {
  const view = new RawRecordView(site, plan.dictionary);
  const context = compileContext(options.dictionary, options.kinds);
  const sections = { binding: new Map<string, PlanTopic>(), notYetDue: new Map<string, PlanTopic>(), guidance: new Map<string, PlanTopic>() };
  const result: SitePlanResult = { asOf: plan.asOf, binding: [], notYetDue: [], guidance: [], needs: [], regionWide: [], notApplicable: 0 };

  for (const rule of plan.rules as CompiledRule[]) {
    const { rule: spec, standard } = rule;
    if (rule.check.type === 'aggregate') {
      result.regionWide.push({ standard: standard.id, rule: spec.id, title: spec.title, severity: spec.severity, deadline: rule.deadline, check: targetInForce(spec, plan.asOf).check, citation: spec.citation });
      continue;
    }
    const scope = inScope(rule.applies, view, plan.year);
    if (scope.status === 'out') {
      result.notApplicable++;
      continue;
    }
    if (scope.status === 'unknown') {
      const fields = scope.reason.type === 'missing' ? scope.reason.fields : scope.reason.type === 'unparseable' ? [scope.reason.field] : [];
      result.needs.push({ standard: standard.id, rule: spec.id, title: spec.title, fields });
      continue;
    }
    const check = targetInForce(spec, plan.asOf).check;
    const kind = options.kinds.get(check.kind);
    const demand = kind?.demand?.(check, view, context);
    if (!demand || demand.type === 'not_applicable') {
      result.notApplicable++;
      continue;
    }
    if (demand.type === 'needs') {
      result.needs.push({ standard: standard.id, rule: spec.id, title: spec.title, fields: demand.fields });
      continue;
    }
    const field = rule.fields[0] ?? '';
    const given = view.get(field);
    let draft: PlanDemand['draft'] = null;
    if (given.ok || given.problem !== 'missing') {
      const outcome = rule.check.evaluate(view);
      draft = { status: outcome.status, actual: outcome.actual, gap: outcome.gap ?? null };
    }
    const section = spec.severity === 'guidance' ? sections.guidance : rule.due ? sections.binding : sections.notYetDue;
    const unit = rule.unit;
    topicOf(section, field).demands.push({
      standard: standard.id,
      rule: spec.id,
      title: spec.title,
      severity: spec.severity,
      due: rule.due,
      deadline: rule.deadline,
      requirement: unit !== undefined && demand.requirement.unit === undefined ? { ...demand.requirement, unit } : demand.requirement,
      citation: spec.citation,
      interpretation: spec.interpretation ?? null,
      interpreted: spec.interpreted === true,
      draft,
    });
  }
  // Items named by any rule on a field, required or not: a group's candidates come from all of them.
  const canonicalOf = (field: string) => {
    const vocabulary = vocabularyOf(options.dictionary, field);
    return (item: string): string => vocabulary.get(normaliseName(item)) ?? item;
  };
  const draftOf = (field: string): DraftList => {
    const given = view.get(field);
    if (!given.ok || !Array.isArray(given.value)) return null;
    const canonical = canonicalOf(field);
    return (given.value as unknown[]).map((item) => canonical(String(item)));
  };
  const named = new Map<string, string[]>();
  for (const section of Object.values(sections)) {
    for (const topic of section.values()) named.set(topic.field, [...(named.get(topic.field) ?? []), ...topic.demands.flatMap((d) => d.requirement.items ?? [])]);
  }
  const settleAll = (section: Map<string, PlanTopic>): PlanTopic[] =>
    [...section.values()].map((topic) => {
      const canonical = canonicalOf(topic.field);
      return settle(topic, canonical, draftOf(topic.field), [...new Set((named.get(topic.field) ?? []).map(canonical))]);
    });
  result.binding = settleAll(sections.binding);
  result.notYetDue = settleAll(sections.notYetDue);
  result.guidance = settleAll(sections.guidance);
  return result;
}
