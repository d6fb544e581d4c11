const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "Y-m-d H:i:s" in the account's timezone: the format of the legacy date fields in Kommo's
 * webhooks (`date_create`, `complete_till`, `timestamp_x`). The sv-SE locale prints exactly that.
 */
export function formatKommoDateTime(unixSeconds: number, timezone: string): string {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f.format(new Date(unixSeconds * 1000));
}

/** The offset of a timezone from UTC, e.g. "+03:00", for account datetime_settings. */
export function timezoneOffset(timezone: string, at = new Date()): string {
  const local = new Date(at.toLocaleString('en-US', { timeZone: timezone }));
  const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' }));
  const minutes = Math.round((local.getTime() - utc.getTime()) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
