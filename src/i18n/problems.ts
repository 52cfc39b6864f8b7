// One-line explanations of every tool failure, in both languages. Codes are stable kebab-case.
import type { Lang } from '../model.js';
import { neutralise } from '../text.js';

type Params = Readonly<Record<string, string | number>>;
type Template = (p: Params) => string;

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
const hint = (p: Params, zh: boolean): string =>
  p.suggestion ? (zh ? `（是否想用 “${s(p.suggestion)}”？）` : ` (did you mean "${s(p.suggestion)}"?)`) : '';


/** System error codes as people say them: 文件不存在, not ENOENT. */
const SYSTEM_ERRORS: Record<string, Record<Lang, string>> = {
  ENOENT: { zh: '文件不存在', en: 'the file does not exist' },
  EACCES: { zh: '没有读取权限', en: 'permission denied' },
  EPERM: { zh: '没有读取权限', en: 'permission denied' },
  EISDIR: { zh: '这是文件夹，不是文件', en: 'this is a folder, not a file' },
  ENOTDIR: { zh: '路径中有一段不是文件夹', en: 'a part of the path is not a folder' },
  EMFILE: { zh: '同时打开的文件过多', en: 'too many open files' },
  EBUSY: { zh: '文件正被其他程序占用', en: 'the file is in use by another program' },
  'not a regular file': { zh: '不是普通文件（可能是文件夹或设备）', en: 'not a regular file (a folder or a device?)' },
};
const systemError = (detail: string | number | undefined, lang: Lang): string => SYSTEM_ERRORS[s(detail)]?.[lang] ?? s(detail);

/** Usage mistakes, each a sentence in both languages (code 'bad-usage', param `what`). */
const USAGE: Record<string, Record<Lang, (p: Params) => string>> = {
  year: { zh: () => '--year 应为年份，如 2010', en: () => '--year takes a year such as 2010' },
  'map-file': { zh: () => '对照表文件应为 “列名: 字段” 对', en: () => 'a mapping file holds "header: field" pairs' },
  'map-target': { zh: (p) => `“${s(p.value)}” 应对应一个字段编号`, en: (p) => `"${s(p.value)}" must map to a field id` },
  'map-pair': { zh: (p) => `--map 的写法是 列名=字段，而不是 “${s(p.value)}”`, en: (p) => `--map takes 'header=field', not '${s(p.value)}'` },
  'header-row': { zh: () => '--header-row 应为从 1 开始的行号', en: () => '--header-row must be a row number from 1' },
  'xlsx-output': { zh: () => 'xlsx 调查表模板需要用 -o 指定文件', en: () => 'an .xlsx template needs -o FILE' },
  threads: { zh: () => '--threads 应为 1 到 64 的整数', en: () => '--threads takes a whole number from 1 to 64' },
  'report-format': { zh: (p) => `无法从扩展名判断 “${s(p.value)}” 的报告格式；请加 --format`, en: (p) => `cannot tell the report format of "${s(p.value)}" from its extension; add --format` },
  'one-stdout': { zh: () => '只能有一个报告输出到终端：其他报告请用 -o 指定文件', en: () => 'only one report can go to standard output: give the others -o FILE' },
  'max-records': { zh: () => '--max-records 应为不小于 0 的整数', en: () => '--max-records must be a whole number' },
  schema: { zh: (p) => `没有名为 “${s(p.value)}” 的 Schema；可用：${s(p.available)}`, en: (p) => `unknown schema "${s(p.value)}"; available: ${s(p.available)}` },
  'site-file': { zh: () => '场地文件应为 “字段: 值” 对', en: () => 'a site file holds "field: value" pairs' },
  'set-pair': { zh: (p) => `--set 的写法是 字段=值，而不是 “${s(p.value)}”`, en: (p) => `--set takes field=value, not '${s(p.value)}'` },
};

const TYPE_WORDS: Record<string, Record<Lang, string>> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'a whole number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '键值对（映射）', en: 'a mapping of keys to values' },
  null: { zh: '空值', en: 'null' },
};
const typeWord = (type: string | number | undefined, lang: Lang): string =>
  String(type ?? '')
    .split(',')
    .map((t) => TYPE_WORDS[t]?.[lang] ?? t)
    .join(lang === 'zh' ? '或' : ' or ');

/** JSON Schema keywords as sentences: lint never speaks raw schema English. */
const SCHEMA_RULES: Record<string, Record<Lang, (p: Params) => string>> = {
  required: { zh: (p) => `缺少必填项 “${s(p.property)}”`, en: (p) => `must have "${s(p.property)}"` },
  additionalProperties: { zh: (p) => `有未知的键 “${s(p.key)}”`, en: (p) => `has unknown key "${s(p.key)}"` },
  type: { zh: (p) => `应为${typeWord(p.type, 'zh')}`, en: (p) => `must be ${typeWord(p.type, 'en')}` },
  enum: { zh: (p) => `取值必须是以下之一：${s(p.allowed)}`, en: (p) => `must be one of: ${s(p.allowed)}` },
  const: { zh: (p) => `必须是 ${s(p.allowed)}`, en: (p) => `must be ${s(p.allowed)}` },
  minLength: { zh: (p) => `至少 ${s(p.limit)} 个字符`, en: (p) => `must have at least ${s(p.limit)} characters` },
  maxLength: { zh: (p) => `最多 ${s(p.limit)} 个字符`, en: (p) => `must have at most ${s(p.limit)} characters` },
  minimum: { zh: (p) => `应不小于 ${s(p.limit)}`, en: (p) => `must be at least ${s(p.limit)}` },
  maximum: { zh: (p) => `应不大于 ${s(p.limit)}`, en: (p) => `must be at most ${s(p.limit)}` },
  exclusiveMinimum: { zh: (p) => `应大于 ${s(p.limit)}`, en: (p) => `must be more than ${s(p.limit)}` },
  exclusiveMaximum: { zh: (p) => `应小于 ${s(p.limit)}`, en: (p) => `must be less than ${s(p.limit)}` },
  minItems: { zh: (p) => `至少要有 ${s(p.limit)} 项`, en: (p) => `must have at least ${s(p.limit)} item(s)` },
  maxItems: { zh: (p) => `最多 ${s(p.limit)} 项`, en: (p) => `must have at most ${s(p.limit)} items` },
  minProperties: { zh: (p) => `至少要有 ${s(p.limit)} 个键`, en: (p) => `must have at least ${s(p.limit)} key(s)` },
  maxProperties: { zh: (p) => `最多 ${s(p.limit)} 个键`, en: (p) => `must have at most ${s(p.limit)} keys` },
  uniqueItems: { zh: () => `有重复的项`, en: () => `has duplicate items` },
  pattern: { zh: (p) => `格式不对（应匹配 ${s(p.pattern)}）`, en: (p) => `has the wrong form (must match ${s(p.pattern)})` },
  propertyNames: { zh: (p) => `键名 “${s(p.key)}” 无效`, en: (p) => `key "${s(p.key)}" is not a valid name` },
  oneOf: { zh: () => `只能按其中一种写法填写`, en: () => `must follow exactly one of the allowed forms` },
  anyOf: { zh: () => `不符合任何一种允许的写法`, en: () => `matches none of the allowed forms` },
  not: { zh: () => `不能是这个值`, en: () => `must not be this value` },
};

/** Facts about a data dictionary or a declared field that the schema cannot express. */
const DICTIONARY_RULES: Record<string, Record<Lang, (p: Params) => string>> = {
  'unknown-unit': { zh: (p) => `未知的单位 “${s(p.value)}”`, en: (p) => `unknown unit "${s(p.value)}"` },
  'enum-values': { zh: () => `只有 enum 类型的字段才列出 values，且必须列出`, en: () => `enum fields, and only they, list values` },
  'header-taken': { zh: (p) => `表头名 “${s(p.value)}” 已经属于字段 “${s(p.other)}”`, en: (p) => `header "${s(p.value)}" already names field "${s(p.other)}"` },
  'name-taken': { zh: (p) => `“${s(p.value)}” 已经是 “${s(p.other)}” 的名称`, en: (p) => `"${s(p.value)}" already names "${s(p.other)}"` },
  'vocabulary-not-list': { zh: () => `只有 list 类型的字段才能指定词表`, en: () => `only list fields name a vocabulary` },
  'unknown-vocabulary': { zh: (p) => `未知的词表 “${s(p.value)}”`, en: (p) => `unknown vocabulary "${s(p.value)}"` },
};

/** Thresholds that contradict themselves. */
const THRESHOLD_RULES: Record<string, Record<Lang, string>> = {
  'min-above-max': { zh: 'min 大于 max', en: 'min is above max' },
  'from-not-below': { zh: 'from 不小于 below', en: 'from is not below below' },
  'year-order': { zh: '年度的 from 大于 to', en: 'year from is after to' },
  'self-compare': { zh: '字段与自身比较', en: 'a field compared with itself' },
  'units-differ': { zh: '两个字段的单位不同', en: 'the two fields have different units' },
};

/** What passed an .xlsx bound (src/survey/xlsx/limits.ts), by the `what` parameter of xlsx-limit. */
const XLSX_LIMITS: Record<string, Record<Lang, (limit: string) => string>> = {
  'shared-strings': { zh: (n) => `共享字符串超过 ${n} 个`, en: (n) => `more than ${n} shared strings` },
  'shared-string-chars': { zh: (n) => `共享字符串超过 ${n} 个字符`, en: (n) => `more than ${n} characters of shared strings` },
  'row-chars': { zh: (n) => `一行的文字超过 ${n} 个字符`, en: (n) => `a row of more than ${n} characters` },
  'part-bytes': { zh: (n) => `超过 ${n} 字节`, en: (n) => `more than ${n} bytes` },
  rows: { zh: (n) => `行号超过 ${n}`, en: (n) => `a row past row ${n}` },
  columns: { zh: (n) => `列号超过 ${n}`, en: (n) => `a cell past column ${n}` },
  entries: { zh: (n) => `条目超过 ${n} 个`, en: (n) => `more than ${n} entries` },
  'xml-token': { zh: (n) => `单个 XML 文本、标签或注释超过 ${n} 个字符`, en: (n) => `an XML text, tag or comment of more than ${n} characters` },
  'xml-depth': { zh: (n) => `XML 元素嵌套超过 ${n} 层`, en: (n) => `XML elements nested more than ${n} deep` },
  'xml-attributes': { zh: (n) => `一个 XML 元素的属性超过 ${n} 个`, en: (n) => `an XML element with more than ${n} attributes` },
};
const xlsxLimit = (p: Params, lang: Lang): string => XLSX_LIMITS[s(p.what)]?.[lang](s(p.limit)) ?? `${s(p.what)} ${s(p.limit)}`;

export const PROBLEMS = {
  usage: { zh: (p) => `用法错误：${s(p.detail)}`, en: (p) => `usage error: ${s(p.detail)}` },
  'file-unreadable': { zh: (p) => `无法读取文件：${systemError(p.detail, 'zh')}`, en: (p) => `cannot read file: ${systemError(p.detail, 'en')}` },
  'file-too-large': {
    zh: (p) => `文件过大（${s(p.size)} 字节，上限 ${s(p.limit)} 字节）`,
    en: (p) => `file too large (${s(p.size)} bytes, limit ${s(p.limit)} bytes)`,
  },
  'unsupported-format': {
    zh: (p) => `不支持的文件格式 “${s(p.ext)}”，可用：${s(p.formats)}`,
    en: (p) => `unsupported file format "${s(p.ext)}"; supported: ${s(p.formats)}`,
  },
  'standard-unknown': {
    zh: (p) => `没有编号为 “${s(p.id)}” 的标准${hint(p, true)}；可用：${s(p.available)}`,
    en: (p) => `no standard with id "${s(p.id)}"${hint(p, false)}; available: ${s(p.available)}`,
  },
  'waiver-unknown-standard': {
    zh: (p) => `豁免所指的标准 “${s(p.standard)}” 不在本次检查之列${hint(p, true)}；本次检查的标准：${s(p.available)}`,
    en: (p) => `the waiver names standard "${s(p.standard)}", which this run does not check${hint(p, false)}; checked: ${s(p.available)}`,
  },
  'waiver-unknown-rule': {
    zh: (p) => `标准 ${s(p.standard)} 中没有规则 “${s(p.rule)}”${hint(p, true)}`,
    en: (p) => `standard ${s(p.standard)} has no rule "${s(p.rule)}"${hint(p, false)}`,
  },
  'waiver-duplicate': {
    zh: (p) => `同一记录与规则的豁免重复（另见第 ${s(p.first)} 行）`,
    en: (p) => `a second waiver for the same record and rule (the first is on line ${s(p.first)})`,
  },
  'standard-duplicate': {
    zh: (p) => `标准编号 “${s(p.id)}” 重复（另见 ${s(p.other)}）`,
    en: (p) => `standard id "${s(p.id)}" is loaded twice (also in ${s(p.other)})`,
  },
  'yaml-syntax': { zh: (p) => `YAML 语法错误：${s(p.detail)}`, en: (p) => `YAML syntax error: ${s(p.detail)}` },
  'yaml-aliases': {
    zh: () => `YAML 别名展开过多（疑似“别名炸弹”），已拒绝`,
    en: () => `too many YAML alias expansions (possible alias bomb); rejected`,
  },
  'yaml-duplicate-key': { zh: (p) => `键 “${s(p.key)}” 重复`, en: (p) => `duplicate key "${s(p.key)}"` },
  'schema-violation': {
    zh: (p) => `${s(p.path)} ${SCHEMA_RULES[s(p.keyword)]?.zh(p) ?? s(p.detail)}${hint(p, true)}`,
    en: (p) => `${s(p.path)} ${SCHEMA_RULES[s(p.keyword)]?.en(p) ?? s(p.detail)}${hint(p, false)}`,
  },
  'dictionary-invalid': {
    zh: (p) => `${s(p.path)} ${DICTIONARY_RULES[s(p.rule)]?.zh(p) ?? s(p.rule)}`,
    en: (p) => `${s(p.path)} ${DICTIONARY_RULES[s(p.rule)]?.en(p) ?? s(p.rule)}`,
  },
  'aggregate-nested': {
    zh: (p) => `汇总类检查 “${s(p.kind)}” 不能嵌套在另一个检查里`,
    en: (p) => `aggregate kind "${s(p.kind)}" cannot be nested`,
  },
  'schedule-bound': {
    zh: (p) => `检查类型 “${s(p.kind)}” 没有可按期限调整的 “${s(p.bound)}”`,
    en: (p) => `check kind "${s(p.kind)}" has no "${s(p.bound)}" to schedule`,
  },
  'not-a-standard': {
    zh: (p) => `这不是 dabiao 标准文件（没有 id 和 rules）；文件开头是：“${s(p.start)}”`,
    en: (p) => `this is not a dabiao standard (no id and no rules); the file starts: "${s(p.start)}"`,
  },
  'unknown-kind': {
    zh: (p) => `未知的检查类型 “${s(p.kind)}”${hint(p, true)}；可用：${s(p.available)}`,
    en: (p) => `unknown check kind "${s(p.kind)}"${hint(p, false)}; available: ${s(p.available)}`,
  },
  'unknown-field': {
    zh: (p) => `数据字典中没有字段 “${s(p.field)}”${hint(p, true)}`,
    en: (p) => `field "${s(p.field)}" is not in the data dictionary${hint(p, false)}`,
  },
  'field-type': {
    zh: (p) => `检查类型 “${s(p.kind)}” 不能读取 ${s(p.type)} 类型的字段 “${s(p.field)}”（需要 ${s(p.expected)}）`,
    en: (p) => `check kind "${s(p.kind)}" cannot read field "${s(p.field)}" of type ${s(p.type)} (needs ${s(p.expected)})`,
  },
  'alias-item': {
    zh: (p) => `“${s(p.item)}” 是字段 ${s(p.field)} 词表中 “${s(p.canonical)}” 的别名；规则中请写规范名称 “${s(p.canonical)}”（检查时按 “${s(p.canonical)}” 读取，lint 拒绝）`,
    en: (p) => `"${s(p.item)}" is an alias of "${s(p.canonical)}" in the vocabulary of field ${s(p.field)}; rules name items by their canonical name "${s(p.canonical)}" (check reads it as "${s(p.canonical)}"; lint refuses it)`,
  },
  'interpretation-missing': {
    zh: () => `interpreted: true 的规则必须用 interpretation 说明如何解读原文`,
    en: () => `a rule marked interpreted: true must say in interpretation how the text was read`,
  },
  'field-clash': {
    zh: (p) => `字段 “${s(p.field)}” 在数据字典中已有另一含义（${p.standard ? `${s(p.standard)}：` : ''}${s(p.label_zh)}，${s(p.type)}${p.unit ? `，${s(p.unit)}` : ''}）；请换一个编号`,
    en: (p) => `field "${s(p.field)}" already means something else in the data dictionary (${p.standard ? `${s(p.standard)}: ` : ''}${s(p.label_en)}, ${s(p.type)}${p.unit ? `, ${s(p.unit)}` : ''}); choose another id`,
  },
  'field-header-taken': {
    zh: (p) => `字段 “${s(p.field)}” 的名称 “${s(p.name)}” 已是字段 “${s(p.other)}” 的列名，调查表将无法区分`,
    en: (p) => `the name "${s(p.name)}" of field "${s(p.field)}" already names field "${s(p.other)}": survey columns could not tell them apart`,
  },
  'field-unknown-unit': {
    zh: (p) => `字段 “${s(p.field)}” 的单位 “${s(p.unit)}” 不在数据字典中${hint(p, true)}`,
    en: (p) => `field "${s(p.field)}" has unit "${s(p.unit)}", which the data dictionary does not know${hint(p, false)}`,
  },
  'field-enum-values': {
    zh: (p) => `字段 “${s(p.field)}” 为枚举类型时须列出 values，其他类型不可列出`,
    en: (p) => `field "${s(p.field)}" needs values when it is an enum, and may have them only then`,
  },
  'field-unknown-vocabulary': {
    zh: (p) => `字段 “${s(p.field)}” 的词表 “${s(p.vocabulary)}” 不在数据字典中（只有列表字段可用词表）`,
    en: (p) => `field "${s(p.field)}" names vocabulary "${s(p.vocabulary)}", which the data dictionary does not have (only list fields take one)`,
  },
  'bad-usage': {
    zh: (p) => `用法错误：${USAGE[s(p.what)]?.zh(p) ?? s(p.what)}`,
    en: (p) => `usage error: ${USAGE[s(p.what)]?.en(p) ?? s(p.what)}`,
  },
  'plan-needs-standard': {
    zh: (p) => `请用 -s 指明场地所在地的标准（可多个）；内置标准：${s(p.available)}`,
    en: (p) => `name the standards of the site's jurisdiction with -s (one or more); bundled: ${s(p.available)}`,
  },
  'no-rules': {
    zh: () => `标准没有任何规则：请写 rules，或用 extends 继承另一标准`,
    en: () => `the standard has no rules: write rules, or extend another standard with extends`,
  },
  'extends-outside': {
    zh: (p) => `extends 只能是内置标准编号，或本文件所在文件夹内的相对路径；“${s(p.value)}” 不符合，未读取`,
    en: (p) => `extends takes a bundled standard id or a path inside this file's folder; "${s(p.value)}" is neither and was not read`,
  },
  'extends-missing': {
    zh: (p) => `找不到所继承的标准 “${s(p.value)}”${hint(p, true)}`,
    en: (p) => `the standard to extend, "${s(p.value)}", does not exist${hint(p, false)}`,
  },
  'extends-cycle': {
    zh: (p) => `继承形成循环：${s(p.cycle)}`,
    en: (p) => `the standards extend each other in a cycle: ${s(p.cycle)}`,
  },
  'override-unknown-rule': {
    zh: (p) => `所继承的标准 ${s(p.base)} 中没有规则 “${s(p.rule)}”${hint(p, true)}`,
    en: (p) => `the extended standard ${s(p.base)} has no rule "${s(p.rule)}"${hint(p, false)}`,
  },
  'override-without-extends': {
    zh: () => `overrides 只能修改所继承标准的规则：请先写 extends`,
    en: () => `overrides change the rules of an extended standard: add extends first`,
  },
  'duplicate-rule': {
    zh: (p) => `规则编号 “${s(p.id)}” 重复（第一次出现在第 ${s(p.first)} 行）`,
    en: (p) => `duplicate rule id "${s(p.id)}" (first at line ${s(p.first)})`,
  },
  'id-mismatch': {
    zh: (p) => `标准编号 “${s(p.id)}” 与文件名 “${s(p.file)}” 不一致`,
    en: (p) => `standard id "${s(p.id)}" does not match its file name "${s(p.file)}"`,
  },
  'invalid-pattern': {
    zh: (p) => `正则表达式无效（RE2 语法，不支持反向引用和环视）：${s(p.detail)}`,
    en: (p) => `invalid regular expression (RE2 syntax: no back-references or look-arounds): ${s(p.detail)}`,
  },
  'bad-date': {
    zh: (p) => `日期 “${s(p.value)}” 无效，应为 YYYY-MM-DD`,
    en: (p) => `invalid date "${s(p.value)}", expected YYYY-MM-DD`,
  },
  'schedule-order': {
    zh: () => `schedule 中的日期必须严格递增`,
    en: () => `schedule dates must be strictly increasing`,
  },
  'bad-threshold': {
    zh: (p) => `阈值不合理：${THRESHOLD_RULES[s(p.rule)]?.zh ?? s(p.rule)}${p.detail ? `（${s(p.detail)}）` : ''}`,
    en: (p) => `inconsistent threshold: ${THRESHOLD_RULES[s(p.rule)]?.en ?? s(p.rule)}${p.detail ? ` (${s(p.detail)})` : ''}`,
  },
  'unknown-scope-value': {
    zh: (p) => `适用范围 ${s(p.field)} 的取值 “${s(p.value)}” 无效${hint(p, true)}；可用：${s(p.allowed)}`,
    en: (p) => `scope ${s(p.field)} has invalid value "${s(p.value)}"${hint(p, false)}; allowed: ${s(p.allowed)}`,
  },
  'scope-field-type': {
    zh: (p) => `适用范围只能按是/否或枚举字段划分，“${s(p.field)}” 是 ${s(p.type)} 类型`,
    en: (p) => `a scope can only name a yes/no or enum field; "${s(p.field)}" is of type ${s(p.type)}`,
  },
  'survey-malformed': { zh: (p) => `调查数据格式错误：${s(p.detail)}`, en: (p) => `malformed survey data: ${s(p.detail)}` },
  'survey-encoding': {
    zh: (p) => `此行不是有效的 ${s(p.encoding)} 编码（文件可能中途改变了编码；可用 --encoding 指定）`,
    en: (p) => `this line is not valid ${s(p.encoding)} (the file may switch encoding part-way; --encoding sets it)`,
  },
  'survey-header': { zh: (p) => `表头错误：${s(p.detail)}`, en: (p) => `bad header: ${s(p.detail)}` },
  'survey-empty': { zh: () => `文件为空，没有表头`, en: () => `the file is empty: no header` },
  'csv-unclosed-quote': { zh: () => `引号未闭合（从这一行开始）`, en: () => `unclosed quote (starting on this line)` },
  'line-too-long': {
    zh: (p) => `这一行超过 ${s(p.limit)} 个字符的上限`,
    en: (p) => `this line is longer than the limit of ${s(p.limit)} characters`,
  },
  'cell-too-large': { zh: () => `单元格或行超过 32 MiB`, en: () => `a cell or row larger than 32 MiB` },
  'row-width': {
    zh: (p) => `这一行有 ${s(p.cells)} 个单元格，表头有 ${s(p.expected)} 个`,
    en: (p) => `row has ${s(p.cells)} cells, the header has ${s(p.expected)}`,
  },
  'columns-clash': {
    zh: (p) => `列 “${s(p.first)}” 和 “${s(p.second)}” 都表示字段 ${s(p.field)}`,
    en: (p) => `columns "${s(p.first)}" and "${s(p.second)}" both mean field ${s(p.field)}`,
  },
  'json-syntax': { zh: (p) => `JSON 语法错误：${s(p.detail)}`, en: (p) => `invalid JSON: ${s(p.detail)}` },
  'json-not-array': { zh: () => `应为由记录对象组成的数组`, en: () => `expected an array of records` },
  'json-not-object': { zh: () => `这一项不是 JSON 对象（记录）`, en: () => `this element is not a JSON object (record)` },
  'duplicate-json-key': {
    zh: (p) => `同一条记录中键 “${s(p.key)}” 出现了两次`,
    en: (p) => `key "${s(p.key)}" appears twice in one record`,
  },
  'nul-byte': {
    zh: () => `含有 NUL 字节：文件是二进制或已损坏（若为无 BOM 的 UTF-16，请用 --encoding utf-16le）`,
    en: () => `NUL byte: the file is binary or corrupted (or UTF-16 without a BOM: try --encoding utf-16le)`,
  },
  'xlsx-unreadable': {
    zh: (p) => `不是可读取的 .xlsx 工作簿（${s(p.detail)}）`,
    en: (p) => `not a readable .xlsx workbook (${s(p.detail)})`,
  },
  'xlsx-limit': {
    zh: (p) => `不是可读取的 .xlsx 工作簿：${s(p.part) || 'zip'} 中${xlsxLimit(p, 'zh')}（读取上限）`,
    en: (p) => `not a readable .xlsx workbook: ${s(p.part) || 'the zip'} has ${xlsxLimit(p, 'en')} (the reader's limit)`,
  },
  'sheet-unclear': {
    zh: (p) => `无法确定读取哪张工作表（${s(p.why) === 'tie' ? '有多张表头同样匹配' : '没有一张表头含有已知字段'}）；请用 --sheet 指定，工作簿中有：${s(p.sheets)}`,
    en: (p) => `cannot tell which worksheet to read (${s(p.why) === 'tie' ? 'several headers match equally well' : 'no header names a known field'}); name one with --sheet: the workbook has ${s(p.sheets)}`,
  },
  'no-sheet': {
    zh: (p) => `没有名为 “${s(p.sheet)}” 的工作表；工作簿中有：${s(p.sheets)}`,
    en: (p) => `no worksheet "${s(p.sheet)}"; the workbook has ${s(p.sheets)}`,
  },
  'bad-option': {
    zh: (p) => `选项 ${s(p.option)} 的取值必须是：${s(p.allowed)}`,
    en: (p) => `${s(p.option)} must be one of ${s(p.allowed)}`,
  },
  'not-a-field': {
    zh: (p) => `${s(p.where)}：“${s(p.field)}” 不是数据字典中的字段${hint(p, true)}`,
    en: (p) => `${s(p.where)}: "${s(p.field)}" is not a field of the data dictionary${hint(p, false)}`,
  },
  'survey-no-records': {
    zh: () => `只有表头，没有任何记录；空调查不能视为达标`,
    en: () => `a header but no records; an empty survey cannot pass`,
  },
  'output-refused': {
    zh: (p) =>
      `不能写入报告：${({ input: '这是本次运行读取的输入文件，写入会覆盖它', 'not-file': '这不是普通文件（设备、管道等），写入会替换它', folder: '这是一个文件夹', 'no-folder': '所在文件夹不存在', twice: '同一个文件被指定了两次' } as Record<string, string>)[s(p.reason)] ?? s(p.reason)}`,
    en: (p) =>
      `will not write a report here: ${({ input: 'it is an input of this run and would be overwritten', 'not-file': 'it is not a regular file (a device, a pipe …) and would be replaced', folder: 'it is a folder', 'no-folder': 'its folder does not exist', twice: 'the same file is named twice' } as Record<string, string>)[s(p.reason)] ?? s(p.reason)}`,
  },
  'output-failed': { zh: (p) => `无法写入报告：${s(p.detail)}`, en: (p) => `cannot write the report: ${s(p.detail)}` },
  internal: {
    zh: (p) => `内部错误（请报告此问题）：${s(p.detail)}`,
    en: (p) => `internal error (please report it): ${s(p.detail)}`,
  },
} as const satisfies Record<string, Record<Lang, Template>>;

export type ProblemCode = keyof typeof PROBLEMS;

export function renderProblem(code: ProblemCode, params: Params, lang: Lang): string {
  return neutralise(PROBLEMS[code][lang](params));
}
