// The command-line help in both languages: every command's description, argument, option and
// example, and commander's own words (section titles, defaults). Chinese by default; --lang en or
// DABIAO_LANG=en for English.
import type { Lang } from '../model.js';

type Entry = Record<Lang, string>;

export const HELP = {
  program: { zh: '达标 — 按政策标准检查城乡社区服务设施调查数据', en: 'dabiao (达标) — check community construction surveys against policy standards' },
  version: { zh: '显示版本号', en: 'output the version number' },
  help: { zh: '显示帮助', en: 'display help for command' },
  helpCommand: { zh: '显示某个命令的帮助', en: 'display help for a command' },
  // Options shared by several commands.
  lang: { zh: '输出语言：zh（中文）| en（英文）', en: 'language of the output: zh | en' },
  standard: { zh: '内置标准编号或标准 YAML 文件（可重复；默认：全部内置标准）', en: 'a bundled standard id or a standard YAML file (repeatable; default: all bundled)' },
  inputFormat: { zh: '不论扩展名，都按此格式读取：csv | json | ndjson | xlsx', en: 'read every file as csv | json | ndjson | xlsx, whatever its extension' },
  encoding: { zh: 'CSV/JSON 文件的编码：utf-8 | utf-16le | utf-16be | gb18030 | gbk（默认：自动识别）', en: 'text encoding of CSV/JSON files: utf-8 | utf-16le | utf-16be | gb18030 | gbk (default: detected)' },
  sheet: { zh: '要读取的 Excel 工作表（默认：表头与字段最匹配的一张）', en: 'Excel worksheet to read (default: the one whose header names the most fields)' },
  headerRow: { zh: '表头所在的行（默认：在前 20 行中查找）', en: 'row holding the column headers (default: found among the first 20 rows)' },
  map: { zh: '把某列读作某个规范字段，如 --map \'社工=certified_social_workers_count\'（可重复）', en: 'read a column as a canonical field (repeatable)' },
  mapFile: { zh: '“列名: 字段” 对照表文件（YAML 或 JSON）', en: 'YAML or JSON file of "header: field" pairs' },
  surveyFiles: { zh: '调查表文件', en: 'survey files' },
  // check
  check: { zh: '按标准检查调查表（CSV、Excel、JSON、NDJSON）', en: 'check survey files (CSV, Excel, JSON, NDJSON) against standards' },
  checkStandard: { zh: '检查所依据的标准', en: 'standards to check against' },
  asOf: { zh: '按此日期（YYYY-MM-DD）生效的目标判断；默认：今天', en: 'evaluate targets in force on this date (YYYY-MM-DD; default: today)' },
  year: { zh: '调查数据所属年度，用于没有“统计年度”列的记录（默认：--as-of 的年份）', en: 'the year the survey data is for, where records have no 统计年度 column (default: the year of --as-of)' },
  format: { zh: '报告格式：table | json | html | markdown | csv | matrix | sarif | junit | github（可重复）', en: 'report format: table | json | html | markdown | csv | matrix | sarif | junit | github (repeatable)' },
  output: { zh: '把报告写入文件，要么完整写出，要么不写（可重复；未给格式时按扩展名）', en: 'write a report to a file, complete or not at all (repeatable; the format follows the extension when not given)' },
  failOn: { zh: '何种情况退出码为 1：fail（必须条款不通过）| unknown（另加无法判断）| guidance（另加指导性条款不通过）', en: 'what makes exit code 1: fail | unknown | guidance' },
  waivers: { zh: '经批准的豁免清单（YAML 或 JSON）：豁免的结果单独计数，不算通过', en: 'approved exceptions (YAML or JSON): a waived result is counted apart, never as a pass' },
  all: { zh: '列出全部结果，包括通过和不适用（默认：只列不通过、无法判断和豁免）', en: 'list every result, passes and not-applicable ones included (default: failures, unknowns and waived)' },
  maxRecords: { zh: '终端、HTML 和 Markdown 报告逐条列出的记录数（0 = 全部）', en: 'records shown one by one in the table, HTML and Markdown reports (0 = all)' },
  verbose: { zh: '终端报告中列出每条问题的依据条款，并展开指导性条款', en: 'terminal report: show the clause under each problem, and the guidance expanded' },
  quiet: { zh: '终端报告只显示各记录判定和最后一行', en: 'terminal report: print the verdicts and the closing line only' },
  threads: { zh: '大型 CSV 或 NDJSON 文件的工作线程数（默认：CPU 核数；1 = 不用线程）', en: 'worker threads for a large CSV or NDJSON file (default: the cores; 1 = none)' },
  checkExamples: {
    zh: `
示例：
  dabiao check 东港镇.xlsx -s xishan-2008                    按锡山区标准检查，终端显示
  dabiao check 调查表.csv -o 验收表.html -o 报告.json         写出可打印的验收表和 JSON 报告
  dabiao check 调查表.csv --waivers 豁免.yaml --as-of 2026-12-31
退出码：0 全部必须条款通过；1 有必须条款不通过或无法判断；2 用法错误或文件无法读取`,
    en: `
Examples:
  dabiao check survey.xlsx -s xishan-2008                   check against one standard, table on the terminal
  dabiao check survey.csv -o sheet.html -o report.json      a printable acceptance sheet and the JSON report
  dabiao check survey.csv --waivers waivers.yaml --as-of 2026-12-31
Exit codes: 0 every required rule passed; 1 a required rule failed or could not be judged; 2 usage error or unreadable input`,
  },
  // validate
  validate: { zh: '在判断任何规则之前检查调查表格式是否正确（退出码 0 有效，1 有数据错误，2 无法读取）', en: 'check that survey files are well-formed before any rule is judged (exit 0 valid, 1 data errors, 2 unreadable)' },
  validateStandard: { zh: '调查表必须包含其字段的标准', en: 'standards whose fields the file must have' },
  validateFormat: { zh: '输出格式：table | json | sarif | github | junit', en: 'output format: table | json | sarif | github | junit' },
  validateExamples: {
    zh: `
示例：
  dabiao validate 东港镇.xlsx 锡北镇.csv -s xishan-2008
  dabiao validate 调查表.csv -f github                       在 GitHub Actions 中逐行标注数据错误`,
    en: `
Examples:
  dabiao validate a.xlsx b.csv -s xishan-2008
  dabiao validate survey.csv -f github                      annotate data errors in GitHub Actions`,
  },
  // plan
  plan: { zh: '拟建站点在所选标准下必须具备什么，以及方案还差什么', en: 'what a proposed site must have under the chosen standards, and what a draft is short of' },
  site: { zh: '站点数据文件（YAML 或 JSON，字段: 值）', en: 'YAML or JSON file of the site\'s figures (field: value)' },
  planStandard: { zh: '规划所依据的标准（必填，可重复）', en: 'standards to plan against (required, repeatable)' },
  level: { zh: '级别：city | county | township | village（或 市、县、乡镇、村）', en: 'city | county | township | village' },
  areaType: { zh: '类型：urban | rural（或 城市、农村）', en: 'urban | rural' },
  buildType: { zh: '建设方式：new | renovated（或 新建、改造）', en: 'new | renovated' },
  households: { zh: '户数', en: 'number of households' },
  population: { zh: '人口', en: 'population' },
  set: { zh: '其他数值或方案内容，如 service_center_area_m2=320（可重复）', en: 'any other figure or draft value, e.g. service_center_area_m2=320 (repeatable)' },
  planAsOf: { zh: '按此日期生效的目标（默认：今天）', en: 'targets in force on this date (default: today)' },
  planFormat: { zh: '输出格式：table | json | markdown', en: 'table | json | markdown' },
  planExamples: {
    zh: `
示例：
  dabiao plan -s xishan-2008 --level 村 --households 1200
  dabiao plan -s water-town-2013 -s xishan-2008 --level 村 --set service_center_area_m2=320`,
    en: `
Examples:
  dabiao plan -s xishan-2008 --level village --households 1200
  dabiao plan -s water-town-2013 -s xishan-2008 --level village --set service_center_area_m2=320`,
  },
  // template
  template: { zh: '空白调查表，列正好是所选标准需要的字段', en: 'a blank survey form with exactly the columns the chosen standards read' },
  templateStandard: { zh: '调查表所对应的标准', en: 'standards the form is for' },
  templateFormat: { zh: '格式：csv | xlsx', en: 'csv | xlsx' },
  templateOutput: { zh: '写入文件（xlsx 必须指定）', en: 'write the form to a file (required for xlsx)' },
  // fields
  fields: { zh: '列出数据字典：字段、名称、类型、单位，以及哪些标准使用它', en: 'list the data dictionary: field, labels, type, unit, and which standards read it' },
  fieldsStandard: { zh: '一并列出这些标准自带的字段', en: 'standards whose own fields are listed with the dictionary\'s' },
  tableOrJson: { zh: '输出格式：table | json', en: 'table | json' },
  // standards
  standards: { zh: '列出、查看和比较标准', en: 'list, show and compare the standards' },
  standardsList: { zh: '列出内置标准', en: 'list the bundled standards' },
  standardsCompare: { zh: '按主题对照各标准的要求', en: 'a matrix, topic by standard, of what each standard demands' },
  compareIds: { zh: '标准编号或文件（默认：全部内置标准）', en: 'standard ids or paths (default: all bundled)' },
  compareFormat: { zh: '输出格式：table | markdown | html | json', en: 'table | markdown | html | json' },
  standardsShow: { zh: '显示标准的每条规则及其要求和依据条款', en: 'every rule of a standard with its requirement and citation' },
  showId: { zh: '标准编号或文件', en: 'standard id or path' },
  // lint
  lint: { zh: '检查标准 YAML 文件：一次列出文件的全部问题（含所继承的标准）', en: 'validate standard YAML files: every problem of a file at once, with the standards they extend' },
  lintFiles: { zh: '标准文件', en: 'standard files' },
  lintFormat: { zh: '输出格式：table | json | sarif | github', en: 'table | json | sarif | github' },
  // schema
  schema: { zh: '输出 JSON Schema：standard | dictionary | survey | report', en: 'print a JSON Schema: standard | dictionary | survey | report' },
  schemaName: { zh: 'standard（标准文件）| dictionary（数据字典）| survey（调查记录）| report（JSON 报告）', en: 'standard | dictionary | survey | report' },
  schemaStandard: { zh: 'survey：记录可包含这些标准自带的字段', en: 'survey: the standards whose own fields a record may carry' },
} as const satisfies Record<string, Entry>;

export type HelpKey = keyof typeof HELP;

/** Commander's own words: section titles and the default after an option. */
const TITLES: Record<string, Entry> = {
  'Usage:': { zh: '用法：', en: 'Usage:' },
  'Options:': { zh: '选项：', en: 'Options:' },
  'Commands:': { zh: '命令：', en: 'Commands:' },
  'Arguments:': { zh: '参数：', en: 'Arguments:' },
  'Global Options:': { zh: '全局选项：', en: 'Global Options:' },
};

export function helpTitle(title: string, lang: Lang): string {
  return TITLES[title]?.[lang] ?? title;
}

export function defaultText(value: string, lang: Lang): string {
  return lang === 'zh' ? `（默认：${value}）` : `(default: ${value})`;
}
