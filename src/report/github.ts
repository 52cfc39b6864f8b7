// GitHub Actions annotations: one workflow command per failure or unknown, on the survey file and line.
import { isProblem, levelOf } from './listing.js';
import { INTERPRETED_MARK, WORDS } from '../i18n/words.js';
import type { Result } from '../model.js';
import { ruleKey } from './context.js';
import { describeResult } from './describe.js';
import { githubData, githubProperty } from './escape.js';
import type { ReportFormat } from './format.js';
import { BufferedSink } from './sink.js';
import { clipText } from './clip.js';
import { uncoveredReason, uncoveredRules } from './coverage.js';
import { waiverText } from './waivers.js';

/** GitHub calls a note a notice. */
function level(result: Result): 'error' | 'warning' | 'notice' {
  if (result.status === 'waived') return 'notice';
  const of = levelOf(result);
  return of === 'note' ? 'notice' : of;
}

export const githubFormat: ReportFormat = {
  create(target, context) {
    const sink = new BufferedSink(target);
    const annotate = async (result: Result): Promise<void> => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      const properties: string[] = [];
      const file = result.file ?? context.inputs[0];
      if (file) properties.push(`file=${githubProperty(file)}`);
      if (result.line !== null) properties.push(`line=${result.line}`);
      if (result.column !== null && result.sheet === null) properties.push(`col=${result.column}`);
      const named = result.record ?? result.group;
      const who = named !== null ? clipText(named, context.lang) : WORDS.allRecords[context.lang];
      properties.push(`title=${githubProperty(`${result.standard}/${result.rule} ${who}`)}`);
      const clause = rule ? `${rule.interpreted ? INTERPRETED_MARK[context.lang] : ''} [${rule.citation.section}]` : '';
      const waiver = result.waiver ? ` ${waiverText(result.waiver, context.lang)}` : '';
      await sink.write(`::${level(result)} ${properties.join(',')}::${githubData(`${describeResult(result, context)}${waiver}${clause}`)}\n`);
    };
    return {
      async write(batch) {
        for (const result of batch.results) if (isProblem(result.status) || result.status === 'waived') await annotate(result);
      },
      async end(_summary, coverage) {
        // A rule the survey cannot feed: one annotation at the header of each file lacking its columns.
        for (const rule of uncoveredRules(coverage, context)) {
          const of = levelOf(rule);
          for (const file of rule.files) {
            const properties = [`file=${githubProperty(file)}`, 'line=1', `title=${githubProperty(`${rule.standard}/${rule.rule}`)}`];
            await sink.write(`::${of === 'note' ? 'notice' : of} ${properties.join(',')}::${githubData(uncoveredReason(rule, context))}\n`);
          }
        }
        await sink.flush();
      },
    };
  },
};
