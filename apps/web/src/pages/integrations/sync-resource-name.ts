import type { Translate } from '../../i18n/translate';

/** In the order a sync runs them (the server's JSON object does not keep an order). */
const known = [
  'pipelines',
  'lead_fields',
  'contact_fields',
  'company_fields',
  'sources',
  'users',
  'leads',
  'contacts',
  'companies',
  'tasks',
] as const;
type KnownResource = (typeof known)[number];

function isKnown(key: string): key is KnownResource {
  return (known as readonly string[]).includes(key);
}

/** A synced resource's name on screen: translated when known, the raw key for newer ones. */
export function syncResourceName(key: string, t: Translate): string {
  return isKnown(key) ? t(`syncResource.${key}`) : key;
}

/** A run's resources in sync order; keys this version does not know yet come last, as they came. */
export function orderedResources<T>(progress: Record<string, T>): [string, T][] {
  const rank = (key: string) => (isKnown(key) ? known.indexOf(key) : known.length);
  return Object.entries(progress).sort(([a], [b]) => rank(a) - rank(b));
}
