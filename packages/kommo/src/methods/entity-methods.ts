import type { z } from 'zod';
import { writeInBatches } from '../batch';
import { KommoContractError, KommoNotFoundError } from '../errors';
import { type PageOptions, paginate } from '../paginate';
import { buildQuery, MAX_PAGE_SIZE } from '../query';
import { type HalPage, halList, writeResultSchema, type WriteResult } from '../schemas/hal';
import type { Answer, Request, RequestSpec } from '../transport';

/** List options with `with=` narrowed to what the entity accepts. */
export type ListOptions<W extends string> = Omit<PageOptions, 'with'> & { with?: readonly W[] };

/** One page (limit defaults to 250). 204 → `[]`; 304 (`ifModifiedSince`) → `[]`, meaning "no changes". */
export async function listPage<T>(
  request: Request,
  path: string,
  schema: z.ZodType<HalPage<T>>,
  options: PageOptions = {},
): Promise<T[]> {
  const { ifModifiedSince, signal, ...params } = options;
  const answer = await request(
    {
      method: 'GET',
      path,
      query: buildQuery({ limit: MAX_PAGE_SIZE, ...params }),
      ...(ifModifiedSince ? { ifModifiedSince } : {}),
      ...(signal ? { signal } : {}),
    },
    schema,
  );
  return answer.kind === 'empty' ? [] : answer.data.items;
}

/** For answers that must carry a body (writes, one entity by id). */
export function requireData<T>(answer: Answer<T>, spec: RequestSpec): T {
  if (answer.kind === 'data') return answer.data;
  throw new KommoContractError(
    `Kommo answered ${answer.status} without a body to ${spec.method} ${spec.path}`,
    { status: answer.status, path: spec.path },
  );
}

/** Kommo answers a missing id with 204 rather than 404; both become `KommoNotFoundError`. */
export async function getOne<S extends z.ZodType>(
  request: Request,
  spec: RequestSpec,
  schema: S,
): Promise<z.output<S>> {
  const answer = await request(spec, schema);
  if (answer.kind === 'data') return answer.data;
  throw new KommoNotFoundError(`Kommo has nothing at ${spec.path} (${answer.status})`, {
    status: answer.status,
    path: spec.path,
  });
}

/** POST or PATCH an array body in batches of ≤ 50; results in input order. */
export function batchWrite<I>(
  request: Request,
  method: 'POST' | 'PATCH',
  path: string,
  key: string,
  items: readonly I[],
): Promise<WriteResult[]> {
  const schema = halList(key, writeResultSchema);
  return writeInBatches(items, async (chunk, { failFastOn504 }) => {
    const spec: RequestSpec = { method, path, body: chunk, failFastOn504 };
    return requireData(await request(spec, schema), spec).items;
  });
}

/** list/iterate/get/create/update for leads, contacts and companies, which share one shape. */
export function entityMethods<T, W extends string, In, Patch extends { id: number }>(
  request: Request,
  entity: 'leads' | 'contacts' | 'companies',
  item: z.ZodType<T>,
) {
  const path = `/api/v4/${entity}`;
  const list = halList(entity, item);
  return {
    list: (options: ListOptions<W> = {}) => listPage(request, path, list, options),
    iterate: (options: ListOptions<W> = {}) =>
      paginate(request, path, list, { limit: MAX_PAGE_SIZE, ...options }),
    get: (id: number, options: { with?: readonly W[] } = {}) =>
      getOne(request, { method: 'GET', path: `${path}/${id}`, query: buildQuery(options) }, item),
    create: (items: readonly In[]) => batchWrite(request, 'POST', path, entity, items),
    update: (patches: readonly Patch[]) => batchWrite(request, 'PATCH', path, entity, patches),
    updateOne: async (id: number, patch: Omit<Patch, 'id'>) => {
      const spec: RequestSpec = { method: 'PATCH', path: `${path}/${id}`, body: patch };
      return requireData(await request(spec, writeResultSchema), spec);
    },
  };
}
