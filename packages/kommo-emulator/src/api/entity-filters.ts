import { problems } from '../http/problem';
import type { AccountState } from '../model/account-state';
import type { Company, Contact, EntityType, Lead } from '../model/types';
import type { PhpFormObject } from '../webhooks/php-form';
import type { ApiCall } from './api-call';
import { field, inRange, listOf, numbersOf, rangeOf, stringOf } from './query-params';

type Entity = Lead | Contact | Company;

/** `If-Modified-Since` as unix seconds, or null when absent or unreadable. */
export function modifiedSince(call: ApiCall): number | null {
  const header = call.headers['if-modified-since'];
  if (!header) return null;
  const ms = Date.parse(header);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/**
 * Kommo recommends If-Modified-Since on lists (API.md §2). Documented reading: only items changed
 * after that moment are listed, and 304 answers when there are none. HTTP dates have second
 * precision; "changed after" is updated_at > since, as RFC 9110 compares Last-Modified.
 */
export function applyModifiedSince<T extends { updatedAt: number }>(
  call: ApiCall,
  items: T[],
): T[] {
  const since = modifiedSince(call);
  if (since === null) return items;
  const changed = items.filter((i) => i.updatedAt > since);
  if (!changed.length) throw problems.notModified();
  return changed;
}

function matchesQuery(state: AccountState, e: Entity, query: string): boolean {
  const needle = query.toLowerCase().trim();
  if (!needle) return true;
  if (String(e.id) === needle || e.name.toLowerCase().includes(needle)) return true;
  const digits = needle.replace(/\D/g, '');
  return e.customFields.some((cf) =>
    cf.values.some((v) => {
      const text = typeof v.value === 'object' ? JSON.stringify(v.value) : String(v.value ?? '');
      if (text.toLowerCase().includes(needle)) return true;
      // Phones match by digits, whatever the formatting (+7 (900) … vs 7900…).
      return (
        digits.length >= 5 &&
        state.customFields.get(cf.fieldId)?.code === 'PHONE' &&
        text.replace(/\D/g, '').includes(digits)
      );
    }),
  );
}

/** The filters Kommo documents for GET /leads, /contacts, /companies (plus `query`, `order`). */
export function filterEntities<T extends Entity>(
  call: ApiCall,
  type: EntityType,
  all: Iterable<T>,
): T[] {
  const state = call.ctx.state;
  const f: PhpFormObject = typeof call.query.filter === 'object' ? call.query.filter : {};
  const ids = numbersOf(f.id);
  const idSet = ids ? new Set(ids) : null;
  const names = listOf(f.name);
  const responsible = numbersOf(f.responsible_user_id);
  const createdBy = numbersOf(f.created_by);
  const updatedBy = numbersOf(f.updated_by);
  const created = rangeOf(f.created_at);
  const updated = rangeOf(f.updated_at);
  const closestTask = rangeOf(f.closest_task_at);
  const closed = rangeOf(f.closed_at);
  const price = rangeOf(f.price);
  const pipelines = numbersOf(f.pipeline_id);
  const statuses =
    typeof f.statuses === 'object'
      ? Object.values(f.statuses).map((s) => ({
          pipelineId: Number(stringOf(field(s, 'pipeline_id'))),
          statusId: Number(stringOf(field(s, 'status_id'))),
        }))
      : null;
  const query = stringOf(call.query.query);

  const out: T[] = [];
  for (const e of all) {
    if (e.isDeleted) continue;
    if (idSet && !idSet.has(e.id)) continue;
    if (names.length && !names.includes(e.name)) continue;
    if (responsible && !responsible.includes(e.responsibleUserId)) continue;
    if (createdBy && !createdBy.includes(e.createdBy)) continue;
    if (updatedBy && !updatedBy.includes(e.updatedBy)) continue;
    if (!inRange(e.createdAt, created) || !inRange(e.updatedAt, updated)) continue;
    if (!inRange(e.closestTaskAt, closestTask)) continue;
    if (type === 'leads' && 'statusId' in e) {
      if (!inRange(e.closedAt, closed) || !inRange(e.price, price)) continue;
      if (pipelines && !pipelines.includes(e.pipelineId)) continue;
      if (
        statuses &&
        !statuses.some((s) => s.statusId === e.statusId && s.pipelineId === e.pipelineId)
      )
        continue;
    }
    if (query !== undefined && !matchesQuery(state, e, query)) continue;
    out.push(e);
  }
  return sortEntities(call, out);
}

/** `order[created_at|updated_at|id]=asc|desc`; the default is id order. */
export function sortEntities<T extends { id: number; createdAt: number; updatedAt: number }>(
  call: ApiCall,
  items: T[],
): T[] {
  const order = typeof call.query.order === 'object' ? call.query.order : {};
  const [key, dir] = Object.entries(order)[0] ?? [];
  if (key === undefined) return items;
  if (!['created_at', 'updated_at', 'id'].includes(key) || (dir !== 'asc' && dir !== 'desc')) {
    throw problems.validation([
      {
        request_id: '0',
        errors: [
          {
            code: 'NotSupportedChoice',
            path: `order.${key}`,
            detail: 'The value you selected is not a valid choice.',
          },
        ],
      },
    ]);
  }
  const pick = (i: T) =>
    key === 'created_at' ? i.createdAt : key === 'updated_at' ? i.updatedAt : i.id;
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * (pick(a) - pick(b) || a.id - b.id));
}
