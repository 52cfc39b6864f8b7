// Escaping for every text format a report is written in. Everything that comes from survey or
// standard files passes through one of these before it reaches a report.

/** XML 1.0 text or attribute: markup characters escaped, characters XML 1.0 forbids removed
 * (control characters other than tab, LF, CR, even as references, and U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: XML 1.0 forbids them.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** HTML text or attribute value. */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A CSV cell: quoted when needed, and neutralised against formula injection in spreadsheets
 * (a cell starting with =, +, -, @, tab or carriage return is prefixed with an apostrophe). */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Markdown table cell: pipes and line breaks escaped, HTML-significant characters neutralised. */
export function markdownCell(text: string): string {
  return html(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** GitHub workflow command data (the message). */
export function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub workflow command property (file, title …). */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
