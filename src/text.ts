// Text normalisation shared by every stage: survey headers, list items and ids are matched this way.

/** Full-width ASCII (Ｂ７, ３５０, （）) to half-width, ideographic space to space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Normalise a name for matching: half-width, no spaces, lower case. */
export function normaliseName(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').toLowerCase();
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Normalise a column header: as a name, and without a trailing unit in brackets (面积（平方米）). */
export function normaliseHeader(header: string): string {
  return normaliseName(header).replace(/\([^()]*\)$/, '').replace(/\[[^[\]]*\]$/, '');
}
