// JUnit XML: a test suite per standard, a test case per (record, rule). A required failure is a
// <failure>, a required rule that could not be judged an <error>, guidance failures and rules not yet
// due are <skipped> with the reason, so CI counts what --fail-on counts. Valid against the strict Ant
// schema and the Jenkins xUnit one. A suite's counts come before its cases, so cases are held per
// standard until the end: use JSON or SARIF for surveys of hundreds of thousands of records.
import { ruleTitle, WORDS } from '../i18n/words.js';
import { JUNIT_TEXT } from '../i18n/report-text.js';
import type { Result } from '../model.js';
import { quoteText, ruleKey } from './context.js';
import { describeResult } from './describe.js';
import { xml } from './escape.js';
import type { ReportFormat } from './format.js';
import { BufferedSink } from './sink.js';
import { clipText } from './clip.js';
import { uncoveredReason, uncoveredRules } from './coverage.js';
import { waiverText } from './waivers.js';

interface Suite {
  cases: string[];
  failures: number;
  errors: number;
  skipped: number;
}

export const junitFormat: ReportFormat = {
  alsoLists: ['pass'],
  create(target, context) {
    const sink = new BufferedSink(target);
    const suites = new Map(context.standards.map((standard) => [standard.id, { cases: [], failures: 0, errors: 0, skipped: 0 } as Suite]));
    const testcase = (result: Result, suite: Suite): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      const lang = context.lang;
      const who = result.record !== null ? clipText(result.record, lang) : result.group !== null ? JUNIT_TEXT.region[lang](clipText(result.group, lang)) : WORDS.allRecords[lang];
      const where = result.file !== null ? ` (${result.file}${result.line !== null ? `:${result.line}` : ''})` : '';
      const open = `<testcase name="${xml(`${who} ${result.rule}`)}" classname="${xml(`${result.standard}.${result.rule}`)}" time="0"`;
      if (result.status === 'pass') return `${open}/>`;
      const message = xml(describeResult(result, context));
      if (result.status === 'waived') {
        suite.skipped++;
        return `${open}><skipped message="${xml(result.waiver ? waiverText(result.waiver, lang) : '')} ${message}"/></testcase>`;
      }
      const body = xml(`${rule ? ruleTitle(rule, lang) : result.rule}${where}\n${rule ? `${rule.citation.section}: ${quoteText(rule.citation)}` : ''}`);
      if (!result.due || result.severity === 'guidance') {
        suite.skipped++;
        const why = !result.due ? JUNIT_TEXT.skippedNotDue[lang] : JUNIT_TEXT.skippedGuidance[lang];
        return `${open}><skipped message="${xml(why)}${message}"/></testcase>`;
      }
      if (result.status === 'unknown') {
        suite.errors++;
        return `${open}><error type="unknown" message="${message}">${body}</error></testcase>`;
      }
      suite.failures++;
      return `${open}><failure type="fail" message="${message}">${body}</failure></testcase>`;
    };
    return {
      async write(batch) {
        for (const result of batch.results) {
          if (result.status === 'not_applicable') continue;
          const suite = suites.get(result.standard);
          if (suite) suite.cases.push(testcase(result, suite));
        }
      },
      async end(summary, coverage) {
        // A rule the survey cannot feed is one test case (not one per record): an error when it decides
        // the run, skipped when guidance or not yet due.
        for (const rule of uncoveredRules(coverage, context)) {
          const suite = suites.get(rule.standard);
          if (!suite) continue;
          const reason = xml(uncoveredReason(rule, context));
          const open = `<testcase name="${xml(`${WORDS.allRecords[context.lang]} ${rule.rule}`)}" classname="${xml(`${rule.standard}.${rule.rule}`)}" time="0"`;
          if (!rule.due || rule.severity === 'guidance') {
            suite.skipped++;
            suite.cases.push(`${open}><skipped message="${reason}"/></testcase>`);
          } else {
            suite.errors++;
            const definition = rule.definition;
            const body = definition ? xml(`${ruleTitle(definition, context.lang)}\n${definition.citation.section}: ${quoteText(definition.citation)}`) : '';
            suite.cases.push(`${open}><error type="uncovered" message="${reason}">${body}</error></testcase>`);
          }
        }
        const timestamp = `${summary.as_of}T00:00:00`;
        await sink.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n');
        let id = 0;
        for (const standard of context.standards) {
          const suite = suites.get(standard.id) as Suite;
          await sink.write(
            `  <testsuite name="${xml(standard.id)}" package="dabiao" id="${id++}" tests="${suite.cases.length}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="0" timestamp="${timestamp}" hostname="dabiao">\n    <properties><property name="title" value="${xml(standard.title[context.lang])}"/><property name="as_of" value="${summary.as_of}"/></properties>\n`,
          );
          for (const testcase of suite.cases) await sink.write(`    ${testcase}\n`);
          await sink.write('    <system-out/>\n    <system-err/>\n  </testsuite>\n');
        }
        await sink.write('</testsuites>\n');
        await sink.flush();
      },
    };
  },
};
