const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "14:02" today, "29 Nov 2026, 14:02" on any other day. */
export function formatWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return sameDay(date, now) ? time.format(date) : dateTime.format(date);
}

export const formatTime = (iso: string) => time.format(new Date(iso));

export const formatCount = (value: number) => value.toLocaleString();

/** "3.4 MB": sizes of files a person keeps, such as backups. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
