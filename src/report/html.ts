// HTML report: one self-contained file (no network, no scripts or fonts from elsewhere) that opens on
// an offline office PC and prints as the acceptance sheet (验收表). It leads with the verdicts: the
// rules the survey cannot feed, the roll-up by region, each record's verdict per standard; then one
// sheet per record (its verdicts, what it must fix with actual value, requirement, gap and the quoted
// clause, waivers with their approval, guidance apart, a signature block), each on its own A4 page
// when printed. On screen only: the pass-rate charts (inline SVG) and a table of every listed result
// filtered by standard, status and region. Everything taken from data is escaped.
import { isListed } from './listing.js';
import type { Coverage, RegionSummary, Summary } from '../engine/summary.js';
import type { Result } from '../model.js';
import { PUNCTUATION, ruleTitle, STATUS_WORDS, VERDICT_ORDER, VERDICT_WORDS, WORDS } from '../i18n/words.js';
import { ACCEPTANCE_TEXT, COVERAGE_TEXT, HTML_TEXT, REPORT_TEXT } from '../i18n/report-text.js';
import { quoteText, ruleKey, type ReportContext } from './context.js';
import { describeActual, describeRequirement, describeResult } from './describe.js';
import { html } from './escape.js';
import type { ReportFormat } from './format.js';
import { BufferedSink } from './sink.js';
import { percentText } from '../i18n/quantities.js';
import { clipOrNull, clipText } from './clip.js';
import { AcceptanceCollector, type RecordSheet } from './acceptance.js';
import { coverageLine, uncoveredRules } from './coverage.js';
import { waiverText } from './waivers.js';

/** Result rows of the on-screen table before the page points to the JSON report: the page must stay openable. */
export const HTML_MAX_ROWS = 5000;

const STYLE = `
:root{--pass:#2e7d32;--fail:#c62828;--unknown:#6a1b9a;--na:#9e9e9e;--warn:#ef6c00}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#222;background:#fafafa}
main{display:flex;flex-direction:column;max-width:1200px;margin:0 auto;padding:16px}
#summary{order:1}#sheets{order:2}#details{order:3}
.verdict-compliant{color:var(--pass)}.verdict-non_compliant{color:var(--fail);font-weight:bold}.verdict-undetermined{color:var(--unknown)}.verdict-not_applicable{color:var(--na)}
.coverage{background:#fff8e1;border-left:4px solid var(--warn);padding:6px 10px}
.sheet{background:#fff;border:1px solid #ddd;margin:16px 0;padding:8px 16px}
.sheet h2{margin-top:4px}
.signature{display:flex;gap:32px;margin-top:24px;padding-top:8px;border-top:1px solid #999}
.signature span{flex:1;min-height:48px}
@page{size:A4;margin:14mm}
@media print{
  .screen-only,.filters,#details{display:none!important}
  body{background:#fff}main{display:block;max-width:none;padding:0}
  .sheet{break-before:page;page-break-before:always;border:0;margin:0;padding:0}
  tr,.signature{break-inside:avoid;page-break-inside:avoid}
  table{font-size:11px}
}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;border-bottom:2px solid #ddd;padding-bottom:4px}
.verdict{font-size:16px;padding:8px 12px;border-radius:4px;display:inline-block}
.verdict.ok{background:#e8f5e9;color:var(--pass)}.verdict.bad{background:#ffebee;color:var(--fail)}
table{border-collapse:collapse;width:100%;font-size:13px;background:#fff}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}
td.n{text-align:right}td.nw{white-space:nowrap}
tr.record td{background:#eef3fb;font-weight:bold}
.s-pass{color:var(--pass)}.s-fail{color:var(--fail)}.s-unknown{color:var(--unknown)}.s-not_applicable{color:var(--na)}
.muted{color:#777}.quote{color:#555;font-size:12px}
.filters{margin:8px 0;display:flex;gap:12px;flex-wrap:wrap;align-items:center}
svg text{font-size:12px;font-family:inherit}
details{margin:8px 0}summary{cursor:pointer}
`;

const SCRIPT = `
(function(){
  var table=document.getElementById('results');
  var selects=document.querySelectorAll('.filters select');
  var shown=document.getElementById('shown');
  function apply(){
    var want={};selects.forEach(function(s){want[s.name]=s.value;});
    var count=0,groups={};
    table.querySelectorAll('tbody tr.result').forEach(function(row){
      var ok=Object.keys(want).every(function(k){return !want[k]||row.dataset[k]===want[k];});
      row.hidden=!ok;if(ok){count++;groups[row.dataset.group]=true;}
    });
    table.querySelectorAll('tbody tr.record').forEach(function(row){row.hidden=!groups[row.dataset.group];});
    shown.textContent=count;
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
  apply();
})();
`;

function bar(label: string, rate: number | null, counts: { pass: number; fail: number; unknown: number }, y: number, width: number, uncovered: string | null): string {
  const total = counts.pass + counts.fail + counts.unknown;
  const scale = (n: number) => (total === 0 ? 0 : (n / total) * width);
  const pass = scale(counts.pass);
  const fail = scale(counts.fail);
  const unknown = scale(counts.unknown);
  // A rule the survey has no column for says so, rather than "— (0/0)" or a bar of unknowns.
  const tail = uncovered ?? `${percentText(rate)} (${counts.pass}/${total})`;
  return `<g class="bar" data-rate="${rate ?? ''}"${uncovered ? ' data-uncovered="true"' : ''}><text x="0" y="${y + 13}">${html(label)}</text>
<rect x="260" y="${y}" width="${pass.toFixed(1)}" height="16" fill="var(--pass)"><title>${counts.pass}</title></rect>
<rect x="${(260 + pass).toFixed(1)}" y="${y}" width="${fail.toFixed(1)}" height="16" fill="var(--fail)"><title>${counts.fail}</title></rect>
<rect x="${(260 + pass + fail).toFixed(1)}" y="${y}" width="${unknown.toFixed(1)}" height="16" fill="var(--unknown)"><title>${counts.unknown}</title></rect>
<text x="${270 + width}" y="${y + 13}">${html(tail)}</text></g>`;
}

interface BarRow {
  label: string;
  rate: number | null;
  counts: { pass: number; fail: number; unknown: number };
  uncovered?: string | null;
}

function chart(id: string, rows: BarRow[]): string {
  const width = 420;
  const height = rows.length * 22 + 4;
  return `<svg id="${id}" class="chart" role="img" width="${260 + width + 220}" height="${height}" viewBox="0 0 ${260 + width + 220} ${height}">${rows.map((row, i) => bar(row.label, row.rate, row.counts, i * 22 + 2, width, row.uncovered ?? null)).join('')}</svg>`;
}

/** A label cut to the chart's label column, by code points. */
function shortLabel(text: string, max = 18): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function verdictCell(verdict: keyof typeof VERDICT_WORDS, context: ReportContext): string {
  return `<td class="verdict-${verdict}">${html(VERDICT_WORDS[verdict][context.lang])}</td>`;
}

function rollUpTable(regions: readonly RegionSummary[], context: ReportContext): string {
  const lang = context.lang;
  const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
  const head = [w('group'), w('standard'), ACCEPTANCE_TEXT.records[lang], ...VERDICT_ORDER.map((verdict) => VERDICT_WORDS[verdict][lang])];
  const rows = regions.map((region) => {
    const name = region.region === null ? ACCEPTANCE_TEXT.noRegion[lang] : clipText(region.region, lang);
    const title = context.standards.find((standard) => standard.id === region.standard)?.title[lang] ?? region.standard;
    return `<tr data-level="${region.level}"><td style="padding-left:${6 + (region.level - 1) * 16}px">${html(name)}</td><td>${html(title)} <span class="muted">${html(region.standard)}</span></td><td class="n">${region.records}</td>${VERDICT_ORDER.map((verdict) => `<td class="n verdict-${verdict}">${region[verdict]}</td>`).join('')}</tr>`;
  });
  return `<table id="roll-up"><thead><tr>${head.map((cell) => `<th>${html(cell)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export const htmlFormat: ReportFormat = {
  showsRecords: true,
  create(target, context) {
    const sink = new BufferedSink(target);
    const lang = context.lang;
    const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
    const t = (key: keyof typeof ACCEPTANCE_TEXT): string => ACCEPTANCE_TEXT[key][lang] as string;
    const colon = PUNCTUATION.colon[lang];
    const collector = new AcceptanceCollector(context.maxRecords);

    const statusText = (result: Result): string => {
      let status = STATUS_WORDS[result.status][lang];
      if (!result.due) status += REPORT_TEXT.notDueMark[lang];
      else if (result.severity === 'guidance' && result.status === 'fail') status += REPORT_TEXT.guidanceMark[lang];
      return status;
    };
    const clauseCell = (result: Result): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      return `<td>${html(rule?.citation.section ?? '')}<div class="quote">“${html(rule ? quoteText(rule.citation) : '')}”</div></td>`;
    };
    const ruleCell = (result: Result): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      return `<td>${html(rule ? ruleTitle(rule, lang) : result.rule)}<br><span class="muted">${html(`${result.standard}/${result.rule}`)}</span></td>`;
    };
    /** The rows of a sheet's failures: what is there, what is required, by how much it falls short, and the clause. */
    const sheetTable = (results: readonly Result[]): string => {
      const head = [w('rule'), w('status'), HTML_TEXT.actual[lang], HTML_TEXT.requirement[lang], HTML_TEXT.gap[lang], w('detail'), w('clause')];
      const rows = results.map((result) => {
        const detail = `${html(describeResult(result, context))}${result.waiver ? `<br><b>${html(waiverText(result.waiver, lang))}</b>` : ''}`;
        return `<tr class="sheet-result" data-status="${result.status}">${ruleCell(result)}<td class="nw s-${result.status}">${html(statusText(result))}</td><td class="nw">${html(describeActual(result.actual, context, result.expected.unit))}</td><td class="nw">${html(describeRequirement(result.expected, context))}</td><td class="nw">${result.gap === null ? '' : html(String(result.gap))}</td><td>${detail}</td>${clauseCell(result)}</tr>`;
      });
      return `<table><thead><tr>${head.map((cell) => `<th>${html(cell)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    };
    const sheetHtml = (sheet: RecordSheet, index: number): string => {
      const record = sheet.record;
      const who = `${clipOrNull(record.record, lang) ?? '—'}${record.name ? ` ${clipText(record.name, lang)}` : ''}`;
      const place = `${record.file}${record.sheet !== null ? ` [${clipText(record.sheet, lang)}]` : ''}:${record.line}`;
      const verdicts = context.verdictStandards
        .map((id) => {
          const title = context.standards.find((standard) => standard.id === id)?.title[lang] ?? id;
          return `<tr><td>${html(title)} <span class="muted">${html(id)}</span></td>${verdictCell(record.verdicts[id] ?? 'not_applicable', context)}</tr>`;
        })
        .join('');
      const parts = [
        `<article class="sheet" id="sheet-${index}" data-record="${html(clipOrNull(record.record, lang) ?? '')}">`,
        `<h2>${html(t('sheetTitle'))} · ${html(`${w('record')} ${who}`)}</h2>`,
        `<p>${html(w('group'))}${html(colon)}${html(record.region ? clipText(record.region, lang) : t('noRegion'))} <span class="muted">${html(place)}</span></p>`,
        `<table class="verdicts"><thead><tr><th>${html(w('standard'))}</th><th>${html(w('verdict'))}</th></tr></thead><tbody>${verdicts}</tbody></table>`,
        `<h3>${html(t('toFix'))}</h3>`,
        sheet.blocking.length > 0 ? sheetTable(sheet.blocking) : `<p>${html(t('noProblems'))}</p>`,
      ];
      if (sheet.waived.length > 0) parts.push(`<h3>${html(t('waived'))}</h3>`, sheetTable(sheet.waived));
      if (sheet.guidance.length > 0) parts.push(`<h3>${html(t('guidanceApart'))}</h3>`, sheetTable(sheet.guidance));
      parts.push(`<div class="signature"><span>${html(t('inspector'))}${html(colon)}</span><span>${html(t('date'))}${html(colon)}</span><span>${html(t('opinion'))}${html(colon)}</span></div></article>`);
      return parts.join('\n');
    };
    const resultRow = (result: Result, groupId: number): string =>
      `<tr class="result" data-standard="${html(result.standard)}" data-status="${result.status}" data-region="${html(clipOrNull(result.region, lang) ?? '')}" data-group="${groupId}">` +
      `<td>${html(result.standard)}</td>${ruleCell(result)}` +
      `<td class="s-${result.status}">${html(statusText(result))}</td><td>${html(describeActual(result.actual, context, result.expected.unit))}</td>` +
      `<td>${html(describeRequirement(result.expected, context))}</td><td>${result.gap === null ? '' : html(String(result.gap))}</td>` +
      `<td>${html(describeResult(result, context))}</td>${clauseCell(result)}</tr>\n`;

    return {
      async write(batch) {
        collector.add(batch);
      },
      async end(summary: Summary, coverage: readonly Coverage[]) {
        const title = REPORT_TEXT.title[lang];
        await sink.write(
          `<!doctype html>\n<html lang="${HTML_TEXT.langTag[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
            `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
            `<title>${title}</title><style>${STYLE}</style></head><body><main>\n`,
        );
        // First page: the verdicts.
        const blocking = summary.blocking.fail + summary.blocking.unknown;
        const verdict = blocking === 0 ? `<span class="verdict ok">${REPORT_TEXT.verdictPass[lang]}</span>` : `<span class="verdict bad">${HTML_TEXT.verdictFail[lang](summary.blocking.fail, summary.blocking.unknown)}</span>`;
        const counts = summary.results;
        const uncovered = coverageLine(coverage, context);
        const standards = context.verdictStandards;
        const recordRows = collector.sheets.map((sheet) => {
          const record = sheet.record;
          return `<tr class="record-verdict"><td>${html(clipOrNull(record.record, lang) ?? '—')}</td><td>${html(record.name ? clipText(record.name, lang) : '')}</td><td>${html(record.region ? clipText(record.region, lang) : '')}</td>${standards.map((id) => verdictCell(record.verdicts[id] ?? 'not_applicable', context)).join('')}</tr>`;
        });
        await sink.write(
          `<section id="summary"><h1>${title}</h1>` +
            `<p>${HTML_TEXT.asOf[lang](summary.as_of, summary.records)} ${verdict}</p>` +
            (uncovered ? `<p class="coverage" id="coverage">${html(uncovered)}</p>` : '') +
            `<h2>${html(t('rollUp'))}</h2>${rollUpTable(summary.regions, context)}` +
            `<h2>${html(t('recordVerdicts'))}</h2><table id="record-verdicts"><thead><tr><th>${html(w('record'))}</th><th>${html(t('name'))}</th><th>${html(w('group'))}</th>${standards.map((id) => `<th>${html(id)}</th>`).join('')}</tr></thead><tbody>${recordRows.join('')}</tbody></table>` +
            (collector.hidden > 0 ? `<p class="muted">${html(ACCEPTANCE_TEXT.moreRecords[lang](collector.hidden))}</p>` : '') +
            `<p id="counts" data-pass="${counts.pass}" data-fail="${counts.fail}" data-unknown="${counts.unknown}" data-not-applicable="${counts.not_applicable}" data-waived="${counts.waived}">` +
            `${STATUS_WORDS.pass[lang]} <b>${counts.pass}</b> · ${STATUS_WORDS.fail[lang]} <b>${counts.fail}</b> · ${STATUS_WORDS.unknown[lang]} <b>${counts.unknown}</b> · ${STATUS_WORDS.not_applicable[lang]} <b>${counts.not_applicable}</b> · ${STATUS_WORDS.waived[lang]} <b>${counts.waived}</b> · ${HTML_TEXT.warnings[lang]} <b>${summary.warnings}</b> · ${w('notDue')} <b>${summary.not_yet_due}</b></p>` +
            charts(summary, coverage) +
            `</section>\n`,
        );
        // One sheet per record, each a printed page of its own.
        await sink.write('<section id="sheets">\n');
        for (const [i, sheet] of collector.sheets.entries()) await sink.write(`${sheetHtml(sheet, i + 1)}\n`);
        await sink.write('</section>\n');
        // On screen: every listed result, filtered by standard, status and region.
        const regions = new Set<string>();
        let rows = 0;
        let hidden = 0;
        let group = 0;
        await sink.write(
          `<section id="details" class="screen-only"><h2>${HTML_TEXT.failuresByRecord[lang]}</h2>` +
            `<table id="results"><thead><tr><th>${w('standard')}</th><th>${w('rule')}</th><th>${w('status')}</th><th>${HTML_TEXT.actual[lang]}</th><th>${HTML_TEXT.requirement[lang]}</th><th>${HTML_TEXT.gap[lang]}</th><th>${w('detail')}</th><th>${w('clause')}</th></tr></thead><tbody>\n`,
        );
        const groups: { heading: string; results: Result[] }[] = [
          ...collector.sheets.map((sheet) => {
            const record = sheet.record;
            const who = `${clipOrNull(record.record, lang) ?? '—'}${record.name ? ` ${clipText(record.name, lang)}` : ''}`;
            const place = `${record.file}${record.sheet !== null ? ` [${clipText(record.sheet, lang)}]` : `:${record.line}`}`;
            return { heading: `${html(`${w('record')} ${who}`)} <span class="muted">${html(place)}${record.region ? ` · ${html(clipText(record.region, lang))}` : ''}</span>`, results: [...sheet.blocking, ...sheet.guidance, ...sheet.waived, ...sheet.others] };
          }),
          ...collector.aggregates.map((result) => ({ heading: html(`${w('aggregates')} · ${w('group')}: ${clipOrNull(result.group, lang) ?? w('allRecords')}`), results: [result] })),
        ];
        for (const { heading, results } of groups) {
          const listed = results.filter((result) => isListed(result.status, context.all) && result.status !== 'waived');
          if (listed.length === 0) continue;
          if (rows >= HTML_MAX_ROWS) {
            hidden += listed.length;
            continue;
          }
          for (const result of listed) if (result.region) regions.add(clipText(result.region, lang));
          group++;
          await sink.write(`<tr class="record" data-group="${group}"><td colspan="8">${heading}</td></tr>\n`);
          for (const result of listed) await sink.write(resultRow(result, group));
          rows += listed.length;
        }
        await sink.write('</tbody></table>\n');
        if (hidden > 0) await sink.write(`<p class="muted">${HTML_TEXT.moreNotListed[lang](hidden)}</p>\n`);
        const option = (value: string, label: string) => `<option value="${html(value)}">${html(label)}</option>`;
        await sink.write(
          `<h2>${HTML_TEXT.filter[lang]}</h2><div class="filters">` +
            `<label>${w('standard')} <select name="standard">${option('', HTML_TEXT.all[lang])}${context.standards.map((s) => option(s.id, s.id)).join('')}</select></label>` +
            `<label>${w('status')} <select name="status">${option('', HTML_TEXT.all[lang])}${(['fail', 'unknown', 'pass'] as const).map((s) => option(s, STATUS_WORDS[s][lang])).join('')}</select></label>` +
            `<label>${w('group')} <select name="region">${option('', HTML_TEXT.all[lang])}${[...regions].sort().map((r) => option(r, r)).join('')}</select></label>` +
            `<span>${HTML_TEXT.showing[lang](`<b id="shown">${rows}</b>`)}</span></div></section>\n` +
            `</main><script>${SCRIPT}</script></body></html>\n`,
        );
        await sink.flush();
      },
    };

    function charts(summary: Summary, coverage: readonly Coverage[]): string {
      const uncovered = new Map(uncoveredRules(coverage, context).map((rule) => [ruleKey(rule.standard, rule.rule), rule]));
      const standardRows = summary.standards.map((s) => ({ label: shortLabel(context.standards.find((standard) => standard.id === s.standard)?.title[lang] ?? s.standard), rate: s.pass_rate, counts: s.counts }));
      const perRule = context.standards
        .map((standard) => {
          const ruleRows = summary.rules
            .filter((r) => r.standard === standard.id)
            .map((r) => {
              const rule = context.rules.get(ruleKey(r.standard, r.rule));
              const gap = uncovered.get(ruleKey(r.standard, r.rule));
              return { label: shortLabel(rule ? ruleTitle(rule, lang) : r.rule), rate: r.pass_rate, counts: r.counts, uncovered: gap ? COVERAGE_TEXT.notCovered[lang] : null };
            });
          return `<details><summary>${html(standard.title[lang])} (${html(standard.id)})</summary>${chart(`chart-rules-${html(standard.id)}`, ruleRows)}</details>`;
        })
        .join('\n');
      return (
        `<div class="screen-only"><h2>${HTML_TEXT.passRatePerStandard[lang]}</h2>${chart('chart-standards', standardRows)}` +
        `<p class="legend"><span class="s-pass">■</span> ${STATUS_WORDS.pass[lang]} <span class="s-fail">■</span> ${STATUS_WORDS.fail[lang]} <span class="s-unknown">■</span> ${STATUS_WORDS.unknown[lang]} <span class="muted">${HTML_TEXT.passRateLegend[lang]}</span></p>` +
        `<h2>${HTML_TEXT.passRatePerRule[lang]}</h2>${perRule}</div>`
      );
    }
  },
};
