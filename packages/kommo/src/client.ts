import type { z } from 'zod';
import { accountMethods } from './methods/account';
import { companyMethods } from './methods/companies';
import { contactMethods } from './methods/contacts';
import { leadMethods } from './methods/leads';
import { noteMethods } from './methods/notes';
import { salesbotMethods } from './methods/salesbot';
import { tagMethods } from './methods/tags';
import { talkMethods } from './methods/talks';
import { taskMethods } from './methods/tasks';
import { webhookMethods } from './methods/webhooks';
import { type PageOptions, paginate } from './paginate';
import type { HalPage } from './schemas/hal';
import { createTransport, type TransportOptions } from './transport';

export type KommoClientOptions = TransportOptions;

/**
 * The Kommo API v4 client for one account. Every method goes through the one request function in
 * `transport.ts` (rate limit, token, timeout, retries, error mapping, zod contract). Entities keep
 * Kommo's wire names (`status_id`, `custom_fields_values`), so Kommo's docs read straight onto them.
 *
 * Lists: `listX` is one page (limit 250), `iterateX` every page; 204 → `[]`, and with
 * `ifModifiedSince` a 304 → `[]` meaning "no changes". Writes go in batches of ≤ 50 (halved on 504)
 * and resolve to `{ id, request_id? }[]` in input order.
 */
export function createKommoClient(options: KommoClientOptions) {
  const request = createTransport(options);
  return {
    ...accountMethods(request),
    ...leadMethods(request),
    ...contactMethods(request),
    ...companyMethods(request),
    ...taskMethods(request),
    ...noteMethods(request),
    ...tagMethods(request),
    ...webhookMethods(request),
    ...talkMethods(request),
    ...salesbotMethods(request),
    /** Any HAL list the methods don't cover yet, e.g. `/api/v4/events` with `halList('events', …)`. */
    paginate: <T>(path: string, schema: z.ZodType<HalPage<T>>, pageOptions?: PageOptions) =>
      paginate(request, path, schema, pageOptions),
  };
}

export type KommoClient = ReturnType<typeof createKommoClient>;
