export interface TimeZoneOption {
  value: string;
  label: string;
}

function offsetOf(timeZone: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName: 'shortOffset',
    }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

let cached: TimeZoneOption[] | null = null;

/** Every IANA zone the browser knows, labelled with today's UTC offset: "Europe/Moscow (GMT+3)". */
export function timeZoneOptions(): TimeZoneOption[] {
  if (cached) return cached;
  const now = new Date();
  const zones = Intl.supportedValuesOf('timeZone');
  // Browsers list "UTC" as an alias only; it is the default of agents, so it leads the list.
  const all = ['UTC', ...zones.filter((z) => z !== 'UTC')];
  cached = all.map((zone) => {
    const offset = offsetOf(zone, now);
    const name = zone.replaceAll('_', ' ');
    return { value: zone, label: offset && zone !== 'UTC' ? `${name} (${offset})` : name };
  });
  return cached;
}

/** Keeps a saved zone selectable even if this browser does not list it. */
export function withZone(options: TimeZoneOption[], zone: string): TimeZoneOption[] {
  return options.some((o) => o.value === zone)
    ? options
    : [{ value: zone, label: zone }, ...options];
}
