import type { Language } from './content';

export type DatelineStyle = 'full' | 'ap';

const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// AP abbreviates the long months and spells out March to July.
const apMonths = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const arabicMonths = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];

/** "2024-09-26" as the dateline prints it; an empty date stays empty. */
export function formatDatelineDate(isoDate: string, language: Language, style: DatelineStyle = 'full'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return '';
  const [, year, month, day] = match;
  const monthIndex = Number(month) - 1;
  if (language === 'ar') return `${Number(day)} ${arabicMonths[monthIndex]} ${year}`;
  return `${(style === 'ap' ? apMonths : englishMonths)[monthIndex]} ${Number(day)}, ${year}`;
}

/** "NEW YORK, September 26, 2024 —": the words that lead the first paragraph. Empty until city or date is set. */
export function formatDateline(
  dateline: { city: string; date: string },
  language: Language,
  style: DatelineStyle = 'full',
): string {
  const city = dateline.city.trim().toLocaleUpperCase(language);
  const date = formatDatelineDate(dateline.date, language, style);
  const parts = [city, date].filter(Boolean);
  if (parts.length === 0) return '';
  return `${parts.join(language === 'ar' ? '، ' : ', ')} —`;
}
