// A waiver as every report states it: reason, approver, approval date, expiry. Cut like other text
// taken from a file.
import { ACCEPTANCE_TEXT } from '../i18n/report-text.js';
import type { Lang, WaiverInfo } from '../model.js';
import { clipText } from './clip.js';

export function waiverText(waiver: WaiverInfo, lang: Lang): string {
  return ACCEPTANCE_TEXT.waiver[lang](clipText(waiver.reason, lang), clipText(waiver.approved_by, lang), waiver.approved_on, waiver.expires);
}
