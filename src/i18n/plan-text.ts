// What `dabiao plan` prints around the data, as text (PLAN_TEXT) and Markdown (PLAN_MARKDOWN). Each
// entry is { zh, en }: a string, or a function of the values the text holds, already formatted.
import type { Lang } from '../model.js';
import type { Catalogue } from './report-text.js';

export const PLAN_TEXT = {
  siteHeading: {
    zh: (site: string, asOf: string) => `场地：${site}（截至 ${asOf}）`,
    en: (site: string, asOf: string) => `Site: ${site} (as of ${asOf})`,
  },
  binding: { zh: '【必须达到的要求】', en: '[Binding requirements]' },
  notYetDue: { zh: '【尚未到期的要求】', en: '[Requirements not yet due]' },
  guidance: { zh: '【指导性要求（一般/力争）】', en: '[Guidance (一般/力争)]' },
  needs: { zh: '【需要补充数据才能确定的要求】', en: '[Requirements that need a figure you did not give]' },
  regionWide: { zh: '【适用于整个区域的指标（不对单个场地评价）】', en: '[Targets for the whole region (not judged for one site)]' },
  /** A topic's heading: the field and the values that bind it. */
  topic: {
    zh: (label: string, field: string, binding: string) => `${label} (${field})：${binding}`,
    en: (label: string, field: string, binding: string) => `${label} (${field}): ${binding}`,
  },
  /** The binding values of a topic, one after another. */
  bindingList: { zh: (parts: readonly string[]) => parts.join('；'), en: (parts: readonly string[]) => parts.join('; ') },
  mustInclude: { zh: (count: number) => `须包含 ${count} 项`, en: (count: number) => `must include ${count} items` },
  mustIncludeHave: { zh: (count: number, have: number) => `须包含 ${count} 项，方案已有 ${have} 项`, en: (count: number, have: number) => `must include ${count} items; the draft has ${have}` },
  /** A category demand (七站): how many, which ending, and how many the draft has. */
  group: {
    zh: (name: string, min: number, suffix: string | null, have: number, drafted: boolean) => `${name} 至少 ${min} 个${suffix ? `（名称以“${suffix}”结尾）` : ''}${drafted ? `，方案已有 ${have} 个` : ''}`,
    en: (name: string, min: number, suffix: string | null, have: number, drafted: boolean) => `${name}: at least ${min}${suffix ? ` (names ending in "${suffix}")` : ''}${drafted ? `; the draft has ${have}` : ''}`,
  },
  groupHave: { zh: (items: string) => `方案中计入的：${items}`, en: (items: string) => `in the draft: ${items}` },
  groupCandidates: { zh: (items: string) => `所选标准提到、可计入的：${items}`, en: (items: string) => `named by the chosen standards, would count: ${items}` },
  conflict: { zh: '⚠ 各标准要求互相冲突', en: '⚠ the standards conflict' },
  dueMark: { zh: (deadline: string) => `（期限 ${deadline}）`, en: (deadline: string) => ` (due ${deadline})` },
  /** How a draft value fares against one demand; `gap` is null when there is none. */
  draft: {
    zh: (p: { actual: string; status: string; gap: string | null }) => ` → 草案 ${p.actual}：${p.status}${p.gap === null ? '' : `，差 ${p.gap}`}`,
    en: (p: { actual: string; status: string; gap: string | null }) => ` → draft ${p.actual}: ${p.status}${p.gap === null ? '' : `, short by ${p.gap}`}`,
  },
  note: { zh: (text: string) => `解读: ${text}`, en: (text: string) => `note: ${text}` },
  /** The fields a demand needs before it can be stated. */
  needsFields: { zh: (fields: string) => `需要 ${fields}`, en: (fields: string) => `needs ${fields}` },
  notApplicable: {
    zh: (count: number) => `不适用于此场地的规则：${count} 条`,
    en: (count: number) => `Rules that do not apply to this site: ${count}`,
  },
} as const satisfies Catalogue;

export const PLAN_MARKDOWN = {
  title: { zh: (site: string) => `场地规划要求：${site}`, en: (site: string) => `Site requirements: ${site}` },
  asOf: { zh: (asOf: string) => `截至 ${asOf}。`, en: (asOf: string) => `As of ${asOf}.` },
  binding: { zh: '必须达到的要求', en: 'Binding requirements' },
  notYetDue: { zh: '尚未到期的要求', en: 'Not yet due' },
  guidance: { zh: '指导性要求', en: 'Guidance' },
  needs: { zh: '需要补充的数据', en: 'Figures needed' },
  regionWide: { zh: '适用于整个区域的指标', en: 'Targets for the whole region' },
  shortBy: { zh: (gap: string) => `差 ${gap}`, en: (gap: string) => `short by ${gap}` },
} as const satisfies Catalogue;

export const PLAN_MARKDOWN_HEAD = {
  zh: ['字段', '约束值', '标准 / 规则', '要求', '草案'],
  en: ['Field', 'Binding', 'Standard / rule', 'Requirement', 'Draft'],
} as const satisfies Record<Lang, readonly string[]>;
