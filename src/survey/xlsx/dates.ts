// Date cells: Excel stores a date as a serial day number and tells it apart only by the cell's number
// format (styles.xml). Such a cell is read as an ISO date, YYYY-MM-DD.

/** Built-in number formats that show dates (and times): 14–22 and 45–47 in every locale, 27–36 and
 * 50–58 in the Chinese, Japanese and Korean ones (yyyy"年"m"月"d"日" is 31 in zh-CN). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date if it has y, m or d outside quoted text, [brackets] (colours, locales,
 * elapsed time), escapes (\x) and padding or fill characters (_x, *x). */
export function isDateCode(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (c === '"' || c === '[') {
      const end = code.indexOf(c === '"' ? '"' : ']', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '\\' || c === '_' || c === '*') i++;
    else if (c === 'y' || c === 'Y' || c === 'm' || c === 'M' || c === 'd' || c === 'D') return true;
  }
  return false;
}

export function isDateFormat(id: number, code: string | undefined): boolean {
  return code !== undefined ? isDateCode(code) : BUILT_IN_DATE_FORMATS.has(id);
}

/** Days from 1899-12-30 (the 1900 system's day 0 once past its phantom 1900-02-29) to 1970-01-01. */
const UNIX_EPOCH = 25569;
/** 9999-12-31, the last day Excel shows. */
const LAST_SERIAL = 2958465;
const DAY_MS = 24 * 3600 * 1000;

/** The calendar date of a serial day number, or undefined if it is no date Excel shows. */
export function serialToIsoDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= LAST_SERIAL + 1) return undefined;
  let days = date1904 ? serial + 1462 : serial;
  // The 1900 system counts 1900-02-29, which never was: day 60 is no date, days before it are one off.
  if (!date1904 && serial < 61) {
    if (serial >= 60 || serial < 1) return undefined;
    days += 1;
  }
  return new Date(Math.round((days - UNIX_EPOCH) * DAY_MS)).toISOString().slice(0, 10);
}
