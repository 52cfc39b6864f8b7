// Rendering a site plan: the table and Markdown a planner reads, and JSON for other tools.
import type { PlanTopic, SitePlanResult } from '../engine/plan.js';
import { INTERPRETED_MARK, SEVERITY_WORDS, STATUS_WORDS, WORDS } from '../i18n/words.js';
import { fieldLabel, formatNumber, listText, unitText, type Wording } from '../i18n/quantities.js';
import { PLAN_MARKDOWN, PLAN_MARKDOWN_HEAD, PLAN_TEXT } from '../i18n/plan-text.js';
import { describeCheck, type DescribeContext } from '../i18n/describe-check.js';
import type { ReportContext } from './context.js';
import { describeActual, describeRequirement } from './describe.js';
import { markdownCell } from './escape.js';

type Ctx = ReportContext & DescribeContext;

/** The binding values of a topic; `cell` escapes the text pieces for Markdown, the brackets around a
 * standard id (a validated [a-z0-9-] id) are the report's own. */
function bindingText(topic: PlanTopic, ctx: Wording, cell: (text: string) => string = (text) => text): string {
  const lang = ctx.lang;
  const b = topic.binding;
  const unit = b?.count ? '' : unitText(ctx, topic.demands[0]?.requirement.unit);
  const parts: string[] = [];
  if (b?.count) parts.push(cell(WORDS.entries[lang]));
  if (b?.min) parts.push(`${cell(`≥ ${formatNumber(b.min.value)}${unit}`)} (${cell(b.min.standard)})`);
  if (b?.max) parts.push(`${cell(`≤ ${formatNumber(b.max.value)}${unit}`)} (${cell(b.max.standard)})`);
  if (b?.equals !== undefined) parts.push(cell(WORDS[b.equals ? 'yes' : 'no'][lang]));
  if (topic.items.length > 0) {
    const present = topic.items.filter((item) => item.present === true).length;
    parts.push(cell(topic.items.some((item) => item.present !== null) ? PLAN_TEXT.mustIncludeHave[lang](topic.items.length, present) : PLAN_TEXT.mustInclude[lang](topic.items.length)));
  }
  for (const g of topic.groups) parts.push(cell(`${g.name[lang]} ≥ ${g.min}`));
  if (topic.conflict) parts.push(cell(PLAN_TEXT.conflict[lang]));
  return PLAN_TEXT.bindingList[lang](parts);
}

function topicLines(topic: PlanTopic, ctx: Ctx): string[] {
  const lang = ctx.lang;
  const lines = [`■ ${PLAN_TEXT.topic[lang](fieldLabel(ctx, topic.field), topic.field, bindingText(topic, ctx))}`];
  for (const d of topic.demands) {
    let line = `    ${d.standard}/${d.rule}: ${describeRequirement(d.requirement, ctx) || '—'}${d.interpreted ? INTERPRETED_MARK[lang] : ''}`;
    if (!d.due && d.deadline) line += PLAN_TEXT.dueMark[lang](d.deadline);
    if (d.draft) {
      const gap = d.draft.gap !== null ? formatNumber(d.draft.gap) : null;
      line += PLAN_TEXT.draft[lang]({ actual: describeActual(d.draft.actual, ctx, d.requirement.unit), status: STATUS_WORDS[d.draft.status][lang], gap });
    }
    lines.push(line);
    if (d.interpretation && (d.interpreted || d.requirement.basis !== undefined)) lines.push(`      ${PLAN_TEXT.note[lang](d.interpretation[lang])}`);
  }
  // A room the draft has is ticked; each appears once, under its canonical name.
  for (const { item, standards, present } of topic.items) lines.push(`    ${present ? '☑' : '☐'} ${item}  (${standards.join(', ')})`);
  for (const g of topic.groups) {
    const have = g.have ?? [];
    const done = have.length >= g.min;
    lines.push(`    ${done ? '☑' : '☐'} ${PLAN_TEXT.group[lang](g.name[ctx.lang], g.min, g.suffix ?? null, have.length, g.have !== null)}  (${g.standards.join(', ')})`);
    if (have.length > 0) lines.push(`      ${PLAN_TEXT.groupHave[lang](listText(have, lang))}`);
    if (!done && g.candidates.length > 0) lines.push(`      ${PLAN_TEXT.groupCandidates[lang](listText(g.candidates, lang))}`);
  }
  return lines;
}

export function planText(plan: SitePlanResult, ctx: Ctx, site: string): string {
  const lang = ctx.lang;
  const out: string[] = [PLAN_TEXT.siteHeading[lang](site, plan.asOf), ''];
  const section = (title: string, topics: PlanTopic[]): void => {
    if (topics.length === 0) return;
    out.push(title);
    for (const topic of topics) out.push(...topicLines(topic, ctx));
    out.push('');
  };
  section(PLAN_TEXT.binding[lang], plan.binding);
  section(PLAN_TEXT.notYetDue[lang], plan.notYetDue);
  section(PLAN_TEXT.guidance[lang], plan.guidance);
  if (plan.needs.length > 0) {
    out.push(PLAN_TEXT.needs[lang]);
    for (const n of plan.needs) out.push(`    ${n.standard}/${n.rule} ${n.title[lang]}: ${PLAN_TEXT.needsFields[lang](n.fields.map((f) => `${fieldLabel(ctx, f)} (--set ${f}=…)`).join(', '))}`);
    out.push('');
  }
  if (plan.regionWide.length > 0) {
    out.push(PLAN_TEXT.regionWide[lang]);
    for (const r of plan.regionWide) out.push(`    ${r.standard}/${r.rule} [${SEVERITY_WORDS[r.severity][lang]}]: ${describeCheck(r.check, ctx)}${r.deadline ? ` (${r.deadline})` : ''}`);
    out.push('');
  }
  out.push(PLAN_TEXT.notApplicable[lang](plan.notApplicable));
  return `${out.join('\n')}\n`;
}

export function planMarkdown(plan: SitePlanResult, ctx: Ctx, site: string): string {
  const lang = ctx.lang;
  const out: string[] = [`# ${PLAN_MARKDOWN.title[lang](markdownCell(site))}`, '', PLAN_MARKDOWN.asOf[lang](plan.asOf), ''];
  const section = (title: string, topics: PlanTopic[]): void => {
    if (topics.length === 0) return;
    out.push(`## ${title}`, '', `| ${PLAN_MARKDOWN_HEAD[lang].join(' | ')} |`, '| --- | --- | --- | --- | --- |');
    for (const topic of topics) {
      topic.demands.forEach((d, i) => {
        const draft = d.draft ? `${STATUS_WORDS[d.draft.status][lang]}${d.draft.gap !== null ? ` (${PLAN_MARKDOWN.shortBy[lang](formatNumber(d.draft.gap))})` : ''}` : '';
        out.push(`| ${i === 0 ? markdownCell(`${fieldLabel(ctx, topic.field)}`) : ''} | ${i === 0 ? bindingText(topic, ctx, markdownCell) : ''} | \`${d.standard}/${d.rule}\` | ${markdownCell(describeRequirement(d.requirement, ctx))} | ${markdownCell(draft)} |`);
      });
      for (const { item, standards, present } of topic.items) out.push(`| | ${present ? '☑' : '☐'} ${markdownCell(item)} | ${markdownCell(standards.join(', '))} | | |`);
      for (const g of topic.groups) {
        const have = g.have ?? [];
        out.push(`| | ${have.length >= g.min ? '☑' : '☐'} ${markdownCell(PLAN_TEXT.group[lang](g.name[lang], g.min, g.suffix ?? null, have.length, g.have !== null))} | ${markdownCell(g.standards.join(', '))} | ${markdownCell(g.candidates.length > 0 ? PLAN_TEXT.groupCandidates[lang](listText(g.candidates, lang)) : '')} | |`);
      }
    }
    out.push('');
  };
  section(PLAN_MARKDOWN.binding[lang], plan.binding);
  section(PLAN_MARKDOWN.notYetDue[lang], plan.notYetDue);
  section(PLAN_MARKDOWN.guidance[lang], plan.guidance);
  if (plan.needs.length > 0) {
    out.push(`## ${PLAN_MARKDOWN.needs[lang]}`, '');
    for (const n of plan.needs) out.push(`- \`${n.standard}/${n.rule}\`: ${n.fields.map((f) => markdownCell(fieldLabel(ctx, f))).join(', ')}`);
    out.push('');
  }
  if (plan.regionWide.length > 0) {
    out.push(`## ${PLAN_MARKDOWN.regionWide[lang]}`, '');
    for (const r of plan.regionWide) out.push(`- \`${r.standard}/${r.rule}\`: ${markdownCell(describeCheck(r.check, ctx))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
