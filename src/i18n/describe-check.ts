// State a rule's requirement as written in its standard ("服务中心面积 ≥ 350平方米"), with its dated
// targets, for `standards show` and other listings. Each check kind words its own requirement.
import type { CheckSpec, Rule } from '../model.js';
import type { Wording } from './quantities.js';
import { WORDS } from './words.js';
import type { KindDefinition } from '../standards/kind-definition.js';

export interface DescribeContext extends Wording {
  kinds: ReadonlyMap<string, KindDefinition>;
}

export function describeCheck(check: CheckSpec, ctx: DescribeContext): string {
  const kind = ctx.kinds.get(check.kind);
  return kind ? kind.describe(check, ctx, (inner) => describeCheck(inner, ctx)) : check.kind;
}

/** The rule's requirement with its dated targets, e.g. "… ≥ 50% (2007-12-31)；… ≥ 80% (2008-12-31)". */
export function describeRuleRequirement(rule: Rule, ctx: DescribeContext): string {
  if (rule.schedule) {
    const steps = rule.schedule.map((entry) => {
      const check: CheckSpec = { ...rule.check };
      if (entry.min !== undefined) check.min = entry.min;
      if (entry.max !== undefined) check.max = entry.max;
      return `${describeCheck(check, ctx)} (${entry.due})`;
    });
    return steps.join('\n    ');
  }
  const base = describeCheck(rule.check, ctx);
  return rule.deadline ? `${base} (${WORDS.dueBy[ctx.lang]} ${rule.deadline})` : base;
}
