// Rendering a site plan: the table and Markdown a planner reads, and JSON for other tools.
import type { PlanTopic, SitePlanResult } from '../engine/plan.js';
import { INTERPRETED_MARK, SEVERITY_WORDS, STATUS_WORDS } from '../i18n/words.js';
import { fieldLabel, formatNumber, listText, unitText, type Wording } from '../i18n/quantities.js';
import type { ReportContext } from './context.js';
import { describeActual, describeRequirement } from './describe.js';
import { describeCheck, type DescribeContext } from './describe-check.js';
import { markdownCell } from './escape.js';

type Ctx = ReportContext & DescribeContext;

/** The binding values of a topic; `cell` escapes the text pieces for Markdown, the brackets around a
 * standard id (a validated [a-z0-9-] id) are the report's own. */
function bindingText(topic: PlanTopic, ctx: Wording, cell: (text: string) => string = (text) => text): string {
  const zh = ctx.lang === 'zh';
  const b = topic.binding;
  const unit = b?.count ? '' : unitText(ctx, topic.demands[0]?.requirement.unit);
  const parts: string[] = [];
  if (b?.count) parts.push(cell(zh ? '条目数' : 'entries'));
  if (b?.min) parts.push(`${cell(`≥ ${formatNumber(b.min.value)}${unit}`)} (${cell(b.min.standard)})`);
  if (b?.max) parts.push(`${cell(`≤ ${formatNumber(b.max.value)}${unit}`)} (${cell(b.max.standard)})`);
  if (b?.equals !== undefined) parts.push(cell(b.equals ? (zh ? '是' : 'yes') : zh ? '否' : 'no'));
  if (topic.items.length > 0) parts.push(cell(`${zh ? '须包含' : 'must include'} ${topic.items.length} ${zh ? '项' : 'items'}`));
  for (const g of topic.groups) parts.push(cell(`${g.name[ctx.lang]} ≥ ${g.min}`));
  if (topic.conflict) parts.push(cell(zh ? '⚠ 各标准要求互相冲突' : '⚠ the standards conflict'));
  return parts.join(zh ? '；' : '; ');
}

function topicLines(topic: PlanTopic, ctx: Ctx): string[] {
  const zh = ctx.lang === 'zh';
  const lines = [`■ ${fieldLabel(ctx, topic.field)} (${topic.field})${zh ? '：' : ': '}${bindingText(topic, ctx)}`];
  for (const d of topic.demands) {
    let line = `    ${d.standard}/${d.rule}: ${describeRequirement(d.requirement, ctx) || '—'}${d.interpreted ? INTERPRETED_MARK[ctx.lang] : ''}`;
    if (!d.due && d.deadline) line += zh ? `（期限 ${d.deadline}）` : ` (due ${d.deadline})`;
    if (d.draft) {
      const gap = d.draft.gap !== null ? (zh ? `，差 ${formatNumber(d.draft.gap)}` : `, short by ${formatNumber(d.draft.gap)}`) : '';
      line += zh ? ` → 草案 ${describeActual(d.draft.actual, ctx, d.requirement.unit)}：${STATUS_WORDS[d.draft.status].zh}${gap}` : ` → draft ${describeActual(d.draft.actual, ctx, d.requirement.unit)}: ${STATUS_WORDS[d.draft.status].en}${gap}`;
    }
    lines.push(line);
    if (d.interpretation && (d.interpreted || d.requirement.basis !== undefined)) lines.push(`      ${zh ? '解读' : 'note'}: ${d.interpretation[ctx.lang]}`);
  }
  for (const { item, standards } of topic.items) lines.push(`    ☐ ${item}  (${standards.join(', ')})`);
  for (const g of topic.groups) lines.push(`    ☐ ${g.name[ctx.lang]} × ${g.min}${g.suffix ? ` (…${g.suffix})` : ''}${g.items ? ` ${listText(g.items, ctx.lang)}` : ''}  (${g.standards.join(', ')})`);
  return lines;
}

export function planText(plan: SitePlanResult, ctx: Ctx, site: string): string {
  const zh = ctx.lang === 'zh';
  const out: string[] = [zh ? `场地：${site}（截至 ${plan.asOf}）` : `Site: ${site} (as of ${plan.asOf})`, ''];
  const section = (title: string, topics: PlanTopic[]): void => {
    if (topics.length === 0) return;
    out.push(title);
    for (const topic of topics) out.push(...topicLines(topic, ctx));
    out.push('');
  };
  section(zh ? '【必须达到的要求】' : '[Binding requirements]', plan.binding);
  section(zh ? '【尚未到期的要求】' : '[Requirements not yet due]', plan.notYetDue);
  section(zh ? '【指导性要求（一般/力争）】' : '[Guidance (一般/力争)]', plan.guidance);
  if (plan.needs.length > 0) {
    out.push(zh ? '【需要补充数据才能确定的要求】' : '[Requirements that need a figure you did not give]');
    for (const n of plan.needs) out.push(`    ${n.standard}/${n.rule} ${n.title[ctx.lang]}: ${zh ? '需要' : 'needs'} ${n.fields.map((f) => `${fieldLabel(ctx, f)} (--set ${f}=…)`).join(', ')}`);
    out.push('');
  }
  if (plan.regionWide.length > 0) {
    out.push(zh ? '【适用于整个区域的指标（不对单个场地评价）】' : '[Targets for the whole region (not judged for one site)]');
    for (const r of plan.regionWide) out.push(`    ${r.standard}/${r.rule} [${SEVERITY_WORDS[r.severity][ctx.lang]}]: ${describeCheck(r.check, ctx)}${r.deadline ? ` (${r.deadline})` : ''}`);
    out.push('');
  }
  out.push(zh ? `不适用于此场地的规则：${plan.notApplicable} 条` : `Rules that do not apply to this site: ${plan.notApplicable}`);
  return `${out.join('\n')}\n`;
}

export function planMarkdown(plan: SitePlanResult, ctx: Ctx, site: string): string {
  const zh = ctx.lang === 'zh';
  const out: string[] = [zh ? `# 场地规划要求：${markdownCell(site)}` : `# Site requirements: ${markdownCell(site)}`, '', zh ? `截至 ${plan.asOf}。` : `As of ${plan.asOf}.`, ''];
  const section = (title: string, topics: PlanTopic[]): void => {
    if (topics.length === 0) return;
    out.push(`## ${title}`, '', zh ? '| 字段 | 约束值 | 标准 / 规则 | 要求 | 草案 |' : '| Field | Binding | Standard / rule | Requirement | Draft |', '| --- | --- | --- | --- | --- |');
    for (const topic of topics) {
      topic.demands.forEach((d, i) => {
        const draft = d.draft ? `${STATUS_WORDS[d.draft.status][ctx.lang]}${d.draft.gap !== null ? ` (${zh ? '差' : 'short by'} ${formatNumber(d.draft.gap)})` : ''}` : '';
        out.push(`| ${i === 0 ? markdownCell(`${fieldLabel(ctx, topic.field)}`) : ''} | ${i === 0 ? bindingText(topic, ctx, markdownCell) : ''} | \`${d.standard}/${d.rule}\` | ${markdownCell(describeRequirement(d.requirement, ctx))} | ${markdownCell(draft)} |`);
      });
      for (const { item, standards } of topic.items) out.push(`| | ☐ ${markdownCell(item)} | ${markdownCell(standards.join(', '))} | | |`);
    }
    out.push('');
  };
  section(zh ? '必须达到的要求' : 'Binding requirements', plan.binding);
  section(zh ? '尚未到期的要求' : 'Not yet due', plan.notYetDue);
  section(zh ? '指导性要求' : 'Guidance', plan.guidance);
  if (plan.needs.length > 0) {
    out.push(`## ${zh ? '需要补充的数据' : 'Figures needed'}`, '');
    for (const n of plan.needs) out.push(`- \`${n.standard}/${n.rule}\`: ${n.fields.map((f) => markdownCell(fieldLabel(ctx, f))).join(', ')}`);
    out.push('');
  }
  if (plan.regionWide.length > 0) {
    out.push(`## ${zh ? '适用于整个区域的指标' : 'Targets for the whole region'}`, '');
    for (const r of plan.regionWide) out.push(`- \`${r.standard}/${r.rule}\`: ${markdownCell(describeCheck(r.check, ctx))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
