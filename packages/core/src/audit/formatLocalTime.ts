const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(instant: string | Date, timeZone: string): Record<string, string> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(typeof instant === 'string' ? new Date(instant) : instant)) parts[part.type] = part.value;
  return parts;
}

/** An instant as local wall time in a time zone, `YYYY-MM-DD HH:mm` (2026-06-30T17:00:00Z → `2026-07-01 00:00` in Hà Nội). */
export function formatLocalTime(instant: string | Date, timeZone: string): string {
  const { year, month, day, hour, minute } = partsOf(instant, timeZone);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}

/** The same wall time the Vietnamese way: `00:00 ngày 01/07/2026`. */
export function formatLocalTimeVi(instant: string | Date, timeZone: string): string {
  const { year, month, day, hour, minute } = partsOf(instant, timeZone);
  return `${hour}:${minute} ngày ${day}/${month}/${year}`;
}
