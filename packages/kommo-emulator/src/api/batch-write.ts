import { problems } from '../http/problem';
import type { HttpAnswer } from '../http/respond';
import type { PreparedBatch, WriteResult } from '../model/prepared-writes';
import { type ApiCall, apiLink } from './api-call';
import { MAX_LIMIT } from './paging';

/** A batch body: a JSON array of 1–250 entities (more is Kommo's 422 "Limit 250 per page"). */
export function batchItems(call: ApiCall): unknown[] {
  if (!Array.isArray(call.body)) {
    throw problems.validation([
      {
        request_id: '0',
        errors: [{ code: 'InvalidType', path: '', detail: 'This value should be of type array.' }],
      },
    ]);
  }
  if (call.body.length === 0) {
    throw problems.validation([
      {
        request_id: '0',
        errors: [
          {
            code: 'InvalidValue',
            path: '',
            detail: 'This collection should contain 1 element or more.',
          },
        ],
      },
    ]);
  }
  if (call.body.length > MAX_LIMIT) throw problems.batchTooLarge();
  return call.body;
}

/** A single-entity body (PATCH /leads/{id}): an object, taken as a batch of one. */
export function singleItem(call: ApiCall, id: number): unknown[] {
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) {
    throw problems.validation([
      {
        request_id: '0',
        errors: [{ code: 'InvalidType', path: '', detail: 'This value should be of type object.' }],
      },
    ]);
  }
  return [{ ...call.body, id }];
}

/** Applies a checked batch; answers Kommo's `_embedded.{key}[{id, request_id, _links}]`. */
export function applyBatch(
  call: ApiCall,
  key: string,
  prepared: PreparedBatch,
  opts: { updatedAt?: boolean; single?: boolean } = {},
): HttpAnswer {
  if (prepared.issues.length) throw problems.validation(prepared.issues);
  const results = prepared.apply();
  const item = (r: WriteResult) => ({
    id: r.id,
    ...(opts.updatedAt ? { updated_at: r.updatedAt } : {}),
    request_id: r.requestId,
    _links: { self: { href: apiLink(call, `/${key}/${r.id}`) } },
  });
  const [first] = results;
  if (opts.single && first) return { status: 200, body: item(first) };
  return {
    status: 200,
    body: {
      _links: { self: { href: apiLink(call, `/${key}`) } },
      _embedded: { [key]: results.map(item) },
    },
  };
}
