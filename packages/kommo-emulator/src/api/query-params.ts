import type { PhpFormValue } from '../webhooks/php-form';
import { phpList } from '../webhooks/php-form';

/**
 * Readers for PHP-style query values. Kommo accepts a filter as a scalar, a comma list, or an
 * array (`filter[id]=1`, `filter[id]=1,2`, `filter[id][]=1&filter[id][]=2`); all mean the same.
 */
export function listOf(value: PhpFormValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  return phpList(value).flatMap((v) => (typeof v === 'string' ? [v] : []));
}

export function numbersOf(value: PhpFormValue | undefined): number[] | null {
  const list = listOf(value);
  if (!list.length) return null;
  return list.map(Number).filter((n) => Number.isFinite(n));
}

export function field(value: PhpFormValue | undefined, key: string): PhpFormValue | undefined {
  return typeof value === 'object' ? value[key] : undefined;
}

export function stringOf(value: PhpFormValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `filter[x][from]=…&filter[x][to]=…`, or a bare timestamp meaning "exactly". */
export function rangeOf(value: PhpFormValue | undefined): { from?: number; to?: number } | null {
  if (value === undefined) return null;
  if (typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) ? { from: n, to: n } : null;
  }
  const from = Number(stringOf(value.from));
  const to = Number(stringOf(value.to));
  return {
    ...(Number.isFinite(from) && value.from !== undefined ? { from } : {}),
    ...(Number.isFinite(to) && value.to !== undefined ? { to } : {}),
  };
}

export const inRange = (n: number | null, range: { from?: number; to?: number } | null) =>
  !range ||
  (n !== null &&
    (range.from === undefined || n >= range.from) &&
    (range.to === undefined || n <= range.to));

/** `with=contacts,source_id` as a set. */
export function withOf(value: PhpFormValue | undefined): Set<string> {
  return new Set(listOf(value));
}
