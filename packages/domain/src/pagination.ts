import { DomainError } from './errors';

/**
 * Keyset cursors over (created_at DESC, id DESC): the position after the last row of a page.
 * Stable under concurrent inserts and as fast on page 1,000 as on page 1 (no OFFSET).
 */
export interface Keyset {
  createdAt: Date;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(`${k.createdAt.toISOString()}|${k.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): Keyset | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainError('BAD_REQUEST', 'The page cursor is not valid; reload the list.', {
      fieldErrors: { cursor: ['Invalid cursor'] },
    });
  }
  return { createdAt, id };
}

/** Prisma `where` for "rows after this cursor" in (createdAt desc, id desc) order. */
export function afterCursor(k: Keyset | null) {
  if (!k) return {};
  return { OR: [{ createdAt: { lt: k.createdAt } }, { createdAt: k.createdAt, id: { lt: k.id } }] };
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and says where the next page starts. */
export function toPage<T extends Keyset>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
