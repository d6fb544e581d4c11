import { problems } from '../../http/problem';
import type { AccountState } from '../../model/account-state';
import { prepareCompanyWrites, prepareContactWrites } from '../../model/contact-writes';
import { prepareLeadWrites } from '../../model/lead-writes';
import type { PreparedBatch } from '../../model/prepared-writes';
import type { Company, Contact, EntityType, Lead } from '../../model/types';
import { type ApiCall, apiLink } from '../api-call';
import { applyBatch, batchItems, singleItem } from '../batch-write';
import { applyModifiedSince, filterEntities } from '../entity-filters';
import { halPage } from '../paging';
import { withOf } from '../query-params';
import { companyJson, contactJson, leadJson } from '../serialize-entities';
import type { ApiRouter } from './api-router';

interface EntityKind<T extends Lead | Contact | Company> {
  type: EntityType;
  items: (state: AccountState) => Map<number, T>;
  json: (state: AccountState, e: T, link: (p: string) => string, include: Set<string>) => unknown;
  prepare: (
    state: AccountState,
    items: unknown[],
    mode: 'create' | 'update',
    actorId: number,
  ) => PreparedBatch;
}

function register<T extends Lead | Contact | Company>(router: ApiRouter, kind: EntityKind<T>) {
  const base = `/api/v4/${kind.type}`;
  const link = (call: ApiCall) => (p: string) => apiLink(call, p);

  router.on('GET', base, (call) => {
    const include = withOf(call.query.with);
    const items = applyModifiedSince(
      call,
      filterEntities(call, kind.type, kind.items(call.ctx.state).values()),
    );
    return halPage(call, kind.type, items, (e) =>
      kind.json(call.ctx.state, e, link(call), include),
    );
  });

  router.on('GET', `${base}/:id`, (call, params) => {
    const entity = kind.items(call.ctx.state).get(Number(params.id));
    if (!entity || entity.isDeleted) throw problems.notFound();
    return {
      status: 200,
      body: kind.json(call.ctx.state, entity, link(call), withOf(call.query.with)),
    };
  });

  router.on('POST', base, (call) =>
    applyBatch(
      call,
      kind.type,
      kind.prepare(call.ctx.state, batchItems(call), 'create', call.userId),
    ),
  );

  router.on('PATCH', base, (call) =>
    applyBatch(
      call,
      kind.type,
      kind.prepare(call.ctx.state, batchItems(call), 'update', call.userId),
      {
        updatedAt: true,
      },
    ),
  );

  router.on('PATCH', `${base}/:id`, (call, params) => {
    const id = Number(params.id);
    if (!kind.items(call.ctx.state).get(id)) throw problems.notFound();
    return applyBatch(
      call,
      kind.type,
      kind.prepare(call.ctx.state, singleItem(call, id), 'update', call.userId),
      {
        updatedAt: true,
        single: true,
      },
    );
  });
}

/** GET list / GET one / POST / PATCH (batch and single) for leads, contacts and companies. */
export function registerEntityRoutes(router: ApiRouter): void {
  register<Lead>(router, {
    type: 'leads',
    items: (s) => s.leads,
    json: leadJson,
    prepare: prepareLeadWrites,
  });
  register<Contact>(router, {
    type: 'contacts',
    items: (s) => s.contacts,
    json: contactJson,
    prepare: prepareContactWrites,
  });
  register<Company>(router, {
    type: 'companies',
    items: (s) => s.companies,
    json: companyJson,
    prepare: prepareCompanyWrites,
  });
}
