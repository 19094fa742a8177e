import type { ReleaseContent } from './content';
import { formatDatelineDate, type DatelineStyle } from './dateline';

/**
 * "FOR IMMEDIATE RELEASE" or "EMBARGOED UNTIL December 1, 2026, 09:30 (Asia/Dubai)",
 * in the release's language: the zone is never left out. Written once, for the
 * exports, the revision preview and compare.
 */
export function releaseLineText(content: Pick<ReleaseContent, 'releaseLine' | 'language'>, style: DatelineStyle = 'full'): string {
  const line = content.releaseLine;
  const arabic = content.language === 'ar';
  if (line.kind === 'immediate') return arabic ? 'للنشر الفوري' : 'FOR IMMEDIATE RELEASE';
  const when = [formatDatelineDate(line.date, content.language, style), line.time].filter(Boolean).join(', ');
  return arabic ? `محظور النشر حتى ${when} (${line.timeZone})` : `EMBARGOED UNTIL ${when} (${line.timeZone})`;
}
