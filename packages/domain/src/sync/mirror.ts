import type { Tx } from '@leadpilot/db/client';

export interface MirrorCounts {
  created: number;
  updated: number;
  removed: number;
  total: number;
}

/**
 * Brings one mirrored table in line with what Kommo returned, inside the caller's transaction:
 * creates what is new, updates what changed (compared field by field, so an unchanged row is not
 * counted or rewritten), and marks rows Kommo no longer has as removed (a row that comes back is
 * restored). `key` identifies a row within the integration.
 */
export async function mirror<D extends Record<string, unknown>>(options: {
  incoming: { key: string; data: D }[];
  existing: { key: string; id: string; removedAt: Date | null; data: Record<string, unknown> }[];
  /** One statement for all new rows (a first import creates thousands). */
  createMany: (rows: { key: string; data: D }[]) => Promise<unknown>;
  update: (id: string, data: D & { removedAt: null }) => Promise<unknown>;
  markRemoved: (ids: string[]) => Promise<unknown>;
}): Promise<MirrorCounts> {
  const existing = new Map(options.existing.map((e) => [e.key, e]));
  const counts: MirrorCounts = {
    created: 0,
    updated: 0,
    removed: 0,
    total: options.incoming.length,
  };
  const seen = new Set<string>();
  const created: { key: string; data: D }[] = [];
  for (const row of options.incoming) {
    seen.add(row.key);
    const current = existing.get(row.key);
    if (!current) {
      created.push(row);
    } else if (current.removedAt !== null || !sameData(current.data, row.data)) {
      await options.update(current.id, { ...row.data, removedAt: null });
      counts.updated++;
    }
  }
  if (created.length) {
    await options.createMany(created);
    counts.created = created.length;
  }
  const gone = options.existing
    .filter((e) => !seen.has(e.key) && e.removedAt === null)
    .map((e) => e.id);
  if (gone.length) {
    await options.markRemoved(gone);
    counts.removed = gone.length;
  }
  return counts;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(b).every((k) => canonical(a[k] ?? null) === canonical(b[k] ?? null));
}

/** JSON with object keys sorted: jsonb gives keys back in its own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
        )
      : v,
  );
}

export type { Tx };
