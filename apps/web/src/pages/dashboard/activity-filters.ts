import { activityTypeSchema, type ActivityType } from '@leadpilot/schemas/activity';
import { useSearchParams } from 'react-router';

/** The feed's filters as the URL holds them (shareable, kept on reload and back/forward). */
export interface ActivityFilters {
  types: ActivityType[];
  agentId: string | undefined;
  integrationId: string | undefined;
  /** YYYY-MM-DD in the reader's time zone, both days included. */
  from: string | undefined;
  to: string | undefined;
  search: string;
}

export interface ActivityQuery {
  types?: ActivityType[];
  agentId?: string;
  integrationId?: string;
  from?: Date;
  to?: Date;
  search?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f-]{36}$/i;

/** Local midnight of a YYYY-MM-DD day (plus `days`). */
export function startOfDay(day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days);
}

export function parseFilters(params: URLSearchParams): ActivityFilters {
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) && !Number.isNaN(startOfDay(value).getTime())
      ? value
      : undefined;
  };
  const id = (name: string) => {
    const value = params.get(name);
    return value && UUID.test(value) ? value : undefined;
  };
  return {
    types: (params.get('types') ?? '')
      .split(',')
      .map((type) => activityTypeSchema.safeParse(type).data)
      .filter((type) => type !== undefined),
    agentId: id('agent'),
    integrationId: id('integration'),
    from: day('from'),
    to: day('to'),
    search: params.get('q')?.trim().slice(0, 100) ?? '',
  };
}

/** The filters as `activity.list` takes them ("to" includes its whole day). */
export function toQuery(f: ActivityFilters): ActivityQuery {
  return {
    ...(f.types.length ? { types: f.types } : {}),
    ...(f.agentId ? { agentId: f.agentId } : {}),
    ...(f.integrationId ? { integrationId: f.integrationId } : {}),
    ...(f.from ? { from: startOfDay(f.from) } : {}),
    ...(f.to ? { to: startOfDay(f.to, 1) } : {}),
    ...(f.search ? { search: f.search } : {}),
  };
}

export const hasFilters = (q: ActivityQuery) => Object.keys(q).length > 0;

/**
 * Whether a live entry belongs in the filtered feed: the same rules the server applies (search
 * matches the stored English title, as SQL ILIKE does).
 */
export function matchesQuery(
  entry: {
    type: string;
    agentId: string | null;
    integrationId: string | null;
    title: string;
    createdAt: Date;
  },
  q: ActivityQuery,
): boolean {
  if (q.types && !(q.types as string[]).includes(entry.type)) return false;
  if (q.agentId && entry.agentId !== q.agentId) return false;
  if (q.integrationId && entry.integrationId !== q.integrationId) return false;
  if (q.from && entry.createdAt < q.from) return false;
  if (q.to && entry.createdAt >= q.to) return false;
  if (q.search && !entry.title.toLowerCase().includes(q.search.toLowerCase())) return false;
  return true;
}

export function useActivityFilters() {
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  function update(
    changes: Partial<
      Record<'types' | 'agent' | 'integration' | 'from' | 'to' | 'q', string | undefined>
    >,
  ) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }
  return { filters, update, clear: () => setParams({}, { replace: true }) };
}
