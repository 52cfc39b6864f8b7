// State a rule's requirement as written in its standard ("服务中心面积 ≥ 350 平方米"), for
// `standards show` and other listings. Works from the check's options, whatever its kind.
import type { CheckSpec, Lang, Rule, Text } from '../model.js';
import type { ReportContext } from './context.js';
import { formatNumber } from './describe.js';

type Ctx = Pick<ReportContext, 'dictionary' | 'lang'>;

function label(ctx: Ctx, field: unknown): string {
  const def = typeof field === 'string' ? ctx.dictionary.fields.get(field) : undefined;
  return def ? def.label[ctx.lang] : String(field);
}

function unitOf(ctx: Ctx, field: unknown): string {
  const unit = typeof field === 'string' ? ctx.dictionary.fields.get(field)?.unit : undefined;
  const symbol = unit ? (ctx.dictionary.units.get(unit)?.symbol[ctx.lang] ?? unit) : '';
  return symbol && ctx.lang === 'en' && symbol !== '%' ? ` ${symbol}` : symbol;
}

function bounds(min: unknown, max: unknown, unit: string): string {
  if (typeof min === 'number' && typeof max === 'number') return `${formatNumber(min)}–${formatNumber(max)}${unit}`;
  if (typeof min === 'number') return `≥ ${formatNumber(min)}${unit}`;
  if (typeof max === 'number') return `≤ ${formatNumber(max)}${unit}`;
  return '';
}

export function describeCheck(check: CheckSpec, ctx: Ctx): string {
  const zh = ctx.lang === 'zh';
  const sep = zh ? '、' : ', ';
  const field = label(ctx, check.field);
  switch (check.kind) {
    case 'ratio':
      return zh
        ? `${field} ≥ 每${formatNumber(Number(check.per))}${unitOf(ctx, check.per_field)}${formatNumber(Number(check.amount))}${unitOf(ctx, check.field)}（按${label(ctx, check.per_field)}折算）`
        : `${field} ≥ ${formatNumber(Number(check.amount))}${unitOf(ctx, check.field)} per ${formatNumber(Number(check.per))}${unitOf(ctx, check.per_field)} (${label(ctx, check.per_field)})`;
    case 'tiered': {
      const tiers = (check.tiers as { from?: number; below?: number; min?: number; max?: number }[]).map((tier) => {
        const band = [tier.from !== undefined ? `≥ ${formatNumber(tier.from)}` : '', tier.below !== undefined ? `< ${formatNumber(tier.below)}` : ''].filter(Boolean).join(' ');
        return `${label(ctx, check.by)} ${band || (zh ? '任意' : 'any')} → ${bounds(tier.min, tier.max, unitOf(ctx, check.field))}`;
      });
      return `${field}: ${tiers.join('; ')}`;
    }
    case 'boolean':
      return `${field} = ${check.expected === false ? (zh ? '否' : 'no') : zh ? '是' : 'yes'}`;
    case 'checklist':
      if (Array.isArray(check.items)) return `${field} ⊇ ${(check.items as string[]).join(sep)}`;
      return `${field}: ${(check.groups as { name: Text; min: number; items?: string[]; suffix?: string }[])
        .map((g) => `${g.name[ctx.lang]} ≥ ${g.min}${g.items ? ` (${g.items.join(sep)})` : g.suffix ? ` (…${g.suffix})` : ''}`)
        .join(zh ? '，' : '; ')}`;
    case 'count':
      return `${zh ? `${field}条目数` : `entries of ${field}`} ${bounds(check.min, check.max, '')}${Array.isArray(check.items) ? ` (${(check.items as string[]).join(sep)})` : ''}`;
    case 'pattern':
      return `${field} ~ /${String(check.pattern)}/`;
    case 'share': {
      const inner = describeCheck(check.of as CheckSpec, ctx);
      return zh ? `满足「${inner}」的记录占比 ${bounds(check.min, check.max, '%')}` : `share of records with ${inner}: ${bounds(check.min, check.max, '%')}`;
    }
    case 'mean':
      return zh ? `${field}平均值 ${bounds(check.min, check.max, unitOf(ctx, check.field))}` : `average ${field} ${bounds(check.min, check.max, unitOf(ctx, check.field))}`;
    default:
      return `${field} ${bounds(check.min, check.max, unitOf(ctx, check.field))}`.trim();
  }
}

/** The rule's requirement with its dated targets, e.g. "≥ 50% (2007-12-31), ≥ 80% (2008-12-31)". */
export function describeRuleRequirement(rule: Rule, ctx: Ctx): string {
  const base = describeCheck(rule.check, ctx);
  const lang: Lang = ctx.lang;
  if (rule.schedule) {
    const steps = rule.schedule.map((entry) => `${describeCheck({ ...rule.check, ...(entry.min !== undefined ? { min: entry.min } : {}), ...(entry.max !== undefined ? { max: entry.max } : {}) }, ctx)} (${entry.due})`);
    return steps.join(lang === 'zh' ? '；' : '; ');
  }
  if (rule.deadline) return `${base} (${lang === 'zh' ? '期限' : 'due'} ${rule.deadline})`;
  return base;
}
