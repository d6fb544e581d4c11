import { problems } from '../../http/problem';
import type { EntityType } from '../../model/types';
import { type ApiCall, apiLink } from '../api-call';
import { halPage } from '../paging';
import { field, listOf, numbersOf, withOf } from '../query-params';
import {
  accountJson,
  customFieldJson,
  pipelineJson,
  sourceJson,
  statusJson,
  userJson,
} from '../serialize-account';
import type { ApiRouter } from './api-router';

const link = (call: ApiCall) => (p: string) => apiLink(call, p);

/** Account, users, pipelines, custom fields and sources: the account's configuration. */
export function registerAccountRoutes(router: ApiRouter): void {
  router.on('GET', '/api/v4/account', (call) => ({
    status: 200,
    body: accountJson(call.ctx.state, link(call), withOf(call.query.with)),
  }));

  router.on('GET', '/api/v4/users', (call) => {
    const include = withOf(call.query.with);
    const users = [...call.ctx.state.users.values()];
    return halPage(call, 'users', users, (u) => userJson(call.ctx.state, u, link(call), include), {
      totals: true,
    });
  });

  router.on('GET', '/api/v4/users/:id', (call, params) => {
    const user = call.ctx.state.users.get(Number(params.id));
    if (!user) throw problems.notFound();
    return {
      status: 200,
      body: userJson(call.ctx.state, user, link(call), withOf(call.query.with)),
    };
  });

  // Pipelines are not paged: Kommo returns all of them (≤ 50) with their statuses.
  router.on('GET', '/api/v4/leads/pipelines', (call) => {
    const pipelines = [...call.ctx.state.pipelines.values()].sort((a, b) => a.sort - b.sort);
    return {
      status: 200,
      body: {
        _total_items: pipelines.length,
        _links: { self: { href: apiLink(call, '/leads/pipelines') } },
        _embedded: { pipelines: pipelines.map((p) => pipelineJson(call.ctx.state, p, link(call))) },
      },
    };
  });

  router.on('GET', '/api/v4/leads/pipelines/:id', (call, params) => {
    const p = call.ctx.state.pipelines.get(Number(params.id));
    if (!p) throw problems.notFound();
    return { status: 200, body: pipelineJson(call.ctx.state, p, link(call)) };
  });

  router.on('GET', '/api/v4/leads/pipelines/:id/statuses', (call, params) => {
    const p = call.ctx.state.pipelines.get(Number(params.id));
    if (!p) throw problems.notFound();
    return {
      status: 200,
      body: {
        _total_items: p.statuses.length,
        _links: { self: { href: apiLink(call, `/leads/pipelines/${p.id}/statuses`) } },
        _embedded: {
          statuses: p.statuses.map((s) => statusJson(call.ctx.state, p, s.id, link(call))),
        },
      },
    };
  });

  router.on('GET', '/api/v4/leads/pipelines/:pipeline_id/statuses/:id', (call, params) => {
    const p = call.ctx.state.pipelines.get(Number(params.pipeline_id));
    const status = p ? statusJson(call.ctx.state, p, Number(params.id), link(call)) : null;
    if (!status) throw problems.notFound();
    return { status: 200, body: status };
  });

  for (const type of ['leads', 'contacts', 'companies'] satisfies EntityType[]) {
    // Custom-field lists page at 50 at most (API.md §2, unsure): 50 is the safe reading.
    router.on('GET', `/api/v4/${type}/custom_fields`, (call) => {
      const ids = numbersOf(field(call.query.filter, 'id'));
      const wantedTypes = listOf(field(call.query.filter, 'type'));
      const fields = call.ctx.state
        .fieldsOf(type)
        .filter((f) => !ids || ids.includes(f.id))
        .filter((f) => !wantedTypes.length || wantedTypes.includes(f.type))
        .sort((a, b) => a.sort - b.sort || a.id - b.id);
      return halPage(
        call,
        'custom_fields',
        fields,
        (f) => customFieldJson(call.ctx.state, f, link(call)),
        {
          maxLimit: 50,
          defaultLimit: 50,
          totals: true,
        },
      );
    });

    router.on('GET', `/api/v4/${type}/custom_fields/:id`, (call, params) => {
      const f = call.ctx.state.customFields.get(Number(params.id));
      if (!f || f.entityType !== type) throw problems.notFound();
      return { status: 200, body: customFieldJson(call.ctx.state, f, link(call)) };
    });
  }

  router.on('GET', '/api/v4/leads/loss_reasons', (call) =>
    halPage(call, 'loss_reasons', call.ctx.state.lossReasons, (r) => ({
      ...r,
      created_at: call.ctx.state.account.createdAt,
      updated_at: call.ctx.state.account.createdAt,
      _links: { self: { href: apiLink(call, `/leads/loss_reasons/${r.id}`) } },
    })),
  );

  router.on('GET', '/api/v4/sources', (call) => {
    const sources = [...call.ctx.state.sources.values()];
    if (!sources.length) return { status: 204 };
    return {
      status: 200,
      body: {
        _total_items: sources.length,
        _links: { self: { href: apiLink(call, '/sources') } },
        _embedded: { sources: sources.map((s) => sourceJson(s, link(call))) },
      },
    };
  });

  router.on('GET', '/api/v4/sources/:id', (call, params) => {
    const s = call.ctx.state.sources.get(Number(params.id));
    if (!s) throw problems.notFound();
    return { status: 200, body: sourceJson(s, link(call)) };
  });
}
