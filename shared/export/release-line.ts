import type { ReleaseContent } from '../release/content';
import { formatDatelineDate, type DatelineStyle } from '../release/dateline';

/** "FOR IMMEDIATE RELEASE" or "EMBARGOED UNTIL December 1, 2026, 09:30 (Asia/Dubai)": the zone is never left out. */
export function releaseLineText(content: ReleaseContent, style: DatelineStyle): string {
  const line = content.releaseLine;
  const arabic = content.language === 'ar';
  if (line.kind === 'immediate') return arabic ? 'للنشر الفوري' : 'FOR IMMEDIATE RELEASE';
  const when = [formatDatelineDate(line.date, content.language, style), line.time].filter(Boolean).join(', ');
  return arabic ? `محظور النشر حتى ${when} (${line.timeZone})` : `EMBARGOED UNTIL ${when} (${line.timeZone})`;
}
