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

// ASCII punctuation that can open Markdown syntax: links and images ([ ] ( ) !), emphasis and strike
// (* _ ~), code (`), headings (#), math ($), table cells (|), mentions and e-mail autolinks (@), and the
// backslash itself. CommonMark lets a backslash escape any ASCII punctuation, so each prints as itself.
// < > & " ' are not here: html() turns them into entities, which no Markdown renderer reads as markup (a
// backslash before an entity would print the entity's own text).
const MARKDOWN_PUNCTUATION = /[\\[\]()!*_~`#$|@]/g;

/**
 * Markdown text (a table cell, or data in a heading or prose): nothing in it can become a link, an image,
 * emphasis, code, HTML or another cell, and line breaks become <br>. GFM also links bare URLs, `www.`
 * names and e-mail addresses ("autolinks"); escaping the `:` after a scheme (`https\:`, `javascript\:`)
 * and the `.` after `www` breaks the pattern those extensions look for while the rendered text is
 * unchanged, and the `@` of an address is escaped with the punctuation above.
 */
export function markdownCell(text: string): string {
  const escaped = text
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/([A-Za-z0-9]):/g, '$1\\:')
    .replace(/(www)\./gi, '$1\\.');
  return html(escaped).replace(/\r\n|\r|\n/g, '<br>');
}

/** GitHub workflow command data (the message). */
export function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub workflow command property (file, title …). */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
