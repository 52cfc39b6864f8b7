// HTML report: one self-contained file (no network, no scripts or fonts from elsewhere) that opens on
// an offline office PC. A summary with pass-rate charts (inline SVG) per standard and per rule, and the
// failures grouped by record — actual value, requirement, gap and cited clause — in a table filtered by
// standard, status and region. Rows stream out as records are judged; the summary, written last, is
// shown first by CSS order. Everything taken from data is escaped.
import { isListed } from './listing.js';
import type { Summary } from '../engine/summary.js';
import type { Result } from '../model.js';
import { ruleTitle, STATUS_WORDS, WORDS } from '../i18n/words.js';
import { HTML_TEXT, REPORT_TEXT } from '../i18n/report-text.js';
import { quoteText, ruleKey } from './context.js';
import { describeActual, describeRequirement, describeResult } from './describe.js';
import { html } from './escape.js';
import { byRecord, type ReportFormat } from './format.js';
import { cellName } from './json.js';
import { BufferedSink } from './sink.js';
import { percentText } from '../i18n/quantities.js';
import { clipOrNull, clipText } from './clip.js';

/** Result rows written before the page points to the JSON report: the page must stay openable. */
export const HTML_MAX_ROWS = 5000;

const STYLE = `
:root{--pass:#2e7d32;--fail:#c62828;--unknown:#6a1b9a;--na:#9e9e9e;--warn:#ef6c00}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#222;background:#fafafa}
main{display:flex;flex-direction:column;max-width:1200px;margin:0 auto;padding:16px}
#summary{order:1}#details{order:2}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;border-bottom:2px solid #ddd;padding-bottom:4px}
.verdict{font-size:16px;padding:8px 12px;border-radius:4px;display:inline-block}
.verdict.ok{background:#e8f5e9;color:var(--pass)}.verdict.bad{background:#ffebee;color:var(--fail)}
table{border-collapse:collapse;width:100%;font-size:13px;background:#fff}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}
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

function bar(label: string, rate: number | null, counts: { pass: number; fail: number; unknown: number }, y: number, width: number): string {
  const total = counts.pass + counts.fail + counts.unknown;
  const scale = (n: number) => (total === 0 ? 0 : (n / total) * width);
  const pass = scale(counts.pass);
  const fail = scale(counts.fail);
  const unknown = scale(counts.unknown);
  const percent = percentText(rate);
  return `<g class="bar" data-rate="${rate ?? ''}"><text x="0" y="${y + 13}">${html(label)}</text>
<rect x="260" y="${y}" width="${pass.toFixed(1)}" height="16" fill="var(--pass)"><title>${counts.pass}</title></rect>
<rect x="${(260 + pass).toFixed(1)}" y="${y}" width="${fail.toFixed(1)}" height="16" fill="var(--fail)"><title>${counts.fail}</title></rect>
<rect x="${(260 + pass + fail).toFixed(1)}" y="${y}" width="${unknown.toFixed(1)}" height="16" fill="var(--unknown)"><title>${counts.unknown}</title></rect>
<text x="${270 + width}" y="${y + 13}">${percent} (${counts.pass}/${total})</text></g>`;
}

function chart(id: string, rows: { label: string; rate: number | null; counts: { pass: number; fail: number; unknown: number } }[]): string {
  const width = 420;
  const height = rows.length * 22 + 4;
  return `<svg id="${id}" class="chart" role="img" width="${260 + width + 140}" height="${height}" viewBox="0 0 ${260 + width + 140} ${height}">${rows.map((row, i) => bar(row.label, row.rate, row.counts, i * 22 + 2, width)).join('')}</svg>`;
}

export const htmlFormat: ReportFormat = {
  create(target, context) {
    const sink = new BufferedSink(target);
    const lang = context.lang;
    const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
    let started = false;
    let rows = 0;
    let hidden = 0;
    let group = 0;
    const regions = new Set<string>();
    const start = async (): Promise<void> => {
      if (started) return;
      started = true;
      const title = REPORT_TEXT.title[lang];
      await sink.write(
        `<!doctype html>\n<html lang="${HTML_TEXT.langTag[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
          `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
          `<title>${title}</title><style>${STYLE}</style></head><body><main>\n` +
          `<section id="details"><h2>${HTML_TEXT.failuresByRecord[lang]}</h2>` +
          `<table id="results"><thead><tr><th>${w('standard')}</th><th>${w('rule')}</th><th>${w('status')}</th><th>${HTML_TEXT.actual[lang]}</th><th>${HTML_TEXT.requirement[lang]}</th><th>${HTML_TEXT.gap[lang]}</th><th>${w('detail')}</th><th>${w('clause')}</th></tr></thead><tbody>\n`,
      );
    };
    const resultRow = (result: Result, groupId: number): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      const quote = rule ? quoteText(rule.citation) : '';
      let status = STATUS_WORDS[result.status][lang];
      if (!result.due) status += REPORT_TEXT.notDueMark[lang];
      else if (result.severity === 'guidance' && result.status === 'fail') status += REPORT_TEXT.guidanceMark[lang];
      const unit = result.expected.unit;
      return `<tr class="result" data-standard="${html(result.standard)}" data-status="${result.status}" data-region="${html(clipOrNull(result.region, lang) ?? '')}" data-group="${groupId}">` +
        `<td>${html(result.standard)}</td><td>${html(rule ? ruleTitle(rule, lang) : result.rule)}<br><span class="muted">${html(result.rule)}</span></td>` +
        `<td class="s-${result.status}">${html(status)}</td><td>${html(describeActual(result.actual, context, unit))}</td>` +
        `<td>${html(describeRequirement(result.expected, context))}</td><td>${result.gap === null ? '' : html(String(result.gap))}</td>` +
        `<td>${html(describeResult(result, context))}</td><td>${html(rule?.citation.section ?? '')}<div class="quote">“${html(quote)}”</div></td></tr>\n`;
    };
    return {
      async write(batch) {
        await start();
        const groups = batch.aggregate ? batch.results.map((result) => [result]) : byRecord(batch.results);
        for (const record of groups) {
          const listed = record.filter((result) => isListed(result.status, context.all));
          if (listed.length === 0) continue;
          if (rows >= HTML_MAX_ROWS) {
            hidden += listed.length;
            continue;
          }
          // Regions are cut as the rows' data-region is, so the filter still matches them.
          for (const result of listed) if (result.region) regions.add(clipText(result.region, lang));
          const first = listed[0] as Result;
          group++;
          if (!batch.aggregate) {
            const place = first.file ? `${first.file}${first.sheet !== null ? ` [${clipText(first.sheet, lang)}] ${cellName(first) ?? first.line}` : `:${first.line ?? ''}`}` : '';
            const who = `${clipOrNull(first.record, lang) ?? '—'}${first.name ? ` ${clipText(first.name, lang)}` : ''}`;
            await sink.write(`<tr class="record" data-group="${group}"><td colspan="8">${html(`${w('record')} ${who}`)} <span class="muted">${html(place)}${first.region ? ` · ${html(clipText(first.region, lang))}` : ''}</span></td></tr>\n`);
          } else {
            await sink.write(`<tr class="record" data-group="${group}"><td colspan="8">${html(`${w('aggregates')} · ${w('group')}: ${clipOrNull(first.group, lang) ?? w('allRecords')}`)}</td></tr>\n`);
          }
          for (const result of listed) await sink.write(resultRow(result, group));
          rows += listed.length;
        }
      },
      async end(summary: Summary) {
        await start();
        await sink.write('</tbody></table>\n');
        if (hidden > 0) await sink.write(`<p class="muted">${HTML_TEXT.moreNotListed[lang](hidden)}</p>\n`);
        await sink.write('</section>\n');
        const blocking = summary.blocking.fail + summary.blocking.unknown;
        const verdict = blocking === 0 ? `<span class="verdict ok">${REPORT_TEXT.verdictPass[lang]}</span>` : `<span class="verdict bad">${HTML_TEXT.verdictFail[lang](summary.blocking.fail, summary.blocking.unknown)}</span>`;
        const option = (value: string, label: string) => `<option value="${html(value)}">${html(label)}</option>`;
        const standardRows = summary.standards.map((s) => ({ label: s.standard, rate: s.pass_rate, counts: s.counts }));
        const perRule = context.standards
          .map((standard) => {
            const ruleRows = summary.rules
              .filter((r) => r.standard === standard.id)
              .map((r) => ({ label: `${r.rule}`, rate: r.pass_rate, counts: r.counts }));
            return `<details><summary>${html(standard.title[lang])} (${html(standard.id)})</summary>${chart(`chart-rules-${html(standard.id)}`, ruleRows)}</details>`;
          })
          .join('\n');
        const counts = summary.results;
        await sink.write(
          `<section id="summary"><h1>${REPORT_TEXT.title[lang]}</h1>` +
            `<p>${HTML_TEXT.asOf[lang](summary.as_of, summary.records)} ${verdict}</p>` +
            `<p id="counts" data-pass="${counts.pass}" data-fail="${counts.fail}" data-unknown="${counts.unknown}" data-not-applicable="${counts.not_applicable}">` +
            `${STATUS_WORDS.pass[lang]} <b>${counts.pass}</b> · ${STATUS_WORDS.fail[lang]} <b>${counts.fail}</b> · ${STATUS_WORDS.unknown[lang]} <b>${counts.unknown}</b> · ${STATUS_WORDS.not_applicable[lang]} <b>${counts.not_applicable}</b> · ${HTML_TEXT.warnings[lang]} <b>${summary.warnings}</b> · ${w('notDue')} <b>${summary.not_yet_due}</b></p>` +
            `<h2>${HTML_TEXT.passRatePerStandard[lang]}</h2>${chart('chart-standards', standardRows)}` +
            `<p class="legend"><span class="s-pass">■</span> ${STATUS_WORDS.pass[lang]} <span class="s-fail">■</span> ${STATUS_WORDS.fail[lang]} <span class="s-unknown">■</span> ${STATUS_WORDS.unknown[lang]} <span class="muted">${HTML_TEXT.passRateLegend[lang]}</span></p>` +
            `<h2>${HTML_TEXT.passRatePerRule[lang]}</h2>${perRule}` +
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
  },
};
