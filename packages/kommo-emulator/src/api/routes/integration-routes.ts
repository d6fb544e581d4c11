import { z } from 'zod';
import { problems } from '../../http/problem';
import { callWriteSchema, logCall } from '../../model/calls';
import type { EntityType } from '../../model/types';
import { fromZodIssues } from '../../model/validation-issue';
import { saveWebhook } from '../../model/webhook-writes';
import { type ApiCall, apiLink } from '../api-call';
import { batchItems } from '../batch-write';
import { halPage } from '../paging';
import { field, listOf, numbersOf, stringOf } from '../query-params';
import { talkJson, webhookJson } from '../serialize-activity';
import type { ApiRouter } from './api-router';

const tagWriteSchema = z.looseObject({
  name: z.string().min(1).max(255),
  color: z
    .string()
    .regex(/^[0-9A-Fa-f]{6}$/)
    .nullable()
    .optional(),
  request_id: z.union([z.string(), z.number()]).optional(),
});

const continueSchema = z.looseObject({
  data: z.record(z.string(), z.unknown()).optional(),
  execute_handlers: z
    .array(z.looseObject({ handler: z.string().min(1), params: z.unknown().optional() }))
    .max(10)
    .optional(),
});

const validationFrom = (error: z.ZodError, input: unknown) =>
  problems.validation([{ request_id: '0', errors: fromZodIssues(error, '', input) }]);

/** Calls, tags, webhooks, talks and Salesbot. */
export function registerIntegrationRoutes(router: ApiRouter): void {
  // Kommo files a call on the contact that has the phone; none found is a per-call error.
  router.on('POST', '/api/v4/calls', (call) => {
    const items = batchItems(call);
    const state = call.ctx.state;
    const parsed = items.map((raw) => callWriteSchema.safeParse(raw));
    const bad = parsed.findIndex((p) => !p.success);
    const firstBad = parsed[bad];
    if (firstBad && !firstBad.success) {
      throw problems.validation([
        { request_id: String(bad), errors: fromZodIssues(firstBad.error, '', items[bad]) },
      ]);
    }
    const calls: unknown[] = [];
    const errors: unknown[] = [];
    parsed.forEach((p, i) => {
      if (!p.success) return;
      const requestId = p.data.request_id !== undefined ? String(p.data.request_id) : String(i);
      const contact = state.contactsByPhone(p.data.phone)[0];
      if (!contact) {
        errors.push({
          request_id: requestId,
          status: 404,
          title: 'Not Found',
          detail: 'Entity not found by phone',
        });
        return;
      }
      const record = logCall(
        state,
        p.data,
        { entityType: 'contacts', entityId: contact.id },
        call.userId,
      );
      calls.push({
        id: record.noteId,
        entity_id: contact.id,
        entity_type: 'contact',
        account_id: state.account.id,
        request_id: requestId,
        _links: { self: { href: apiLink(call, `/contacts/${contact.id}/notes/${record.noteId}`) } },
      });
    });
    return {
      status: 200,
      body: {
        _total_items: calls.length,
        _embedded: { calls },
        ...(errors.length ? { errors } : {}),
      },
    };
  });

  for (const type of ['leads', 'contacts', 'companies'] satisfies EntityType[]) {
    router.on('GET', `/api/v4/${type}/tags`, (call) => {
      const f = call.query.filter;
      const ids = numbersOf(field(f, 'id'));
      const names = listOf(field(f, 'name')).map((n) => n.toLowerCase());
      const query = stringOf(call.query.query)?.toLowerCase();
      const tags = [...call.ctx.state.tags[type].values()].filter(
        (t) =>
          (!ids || ids.includes(t.id)) &&
          (!names.length || names.includes(t.name.toLowerCase())) &&
          (!query || t.name.toLowerCase().includes(query)),
      );
      return halPage(call, 'tags', tags, (t) => ({ id: t.id, name: t.name, color: t.color }));
    });

    // An existing name answers its tag rather than a duplicate (unsure: Kommo may reject it).
    router.on('POST', `/api/v4/${type}/tags`, (call) => {
      const raw = batchItems(call);
      const items = raw.map((item) => tagWriteSchema.safeParse(item));
      const badIndex = items.findIndex((p) => !p.success);
      const bad = items[badIndex];
      if (bad && !bad.success) {
        throw problems.validation([
          { request_id: String(badIndex), errors: fromZodIssues(bad.error, '', raw[badIndex]) },
        ]);
      }
      const tags = items.flatMap((p, i) => {
        if (!p.success) return [];
        const tag = call.ctx.state.tagByName(type, p.data.name);
        if (p.data.color !== undefined) tag.color = p.data.color;
        const requestId = p.data.request_id !== undefined ? String(p.data.request_id) : String(i);
        return [{ id: tag.id, name: tag.name, color: tag.color, request_id: requestId }];
      });
      return {
        status: 200,
        body: { _links: { self: { href: apiLink(call, `/${type}/tags`) } }, _embedded: { tags } },
      };
    });
  }

  router.on('GET', '/api/v4/webhooks', (call) => {
    const destination = stringOf(field(call.query.filter, 'destination'));
    const hooks = [...call.ctx.state.webhooks.values()].filter(
      (w) => destination === undefined || w.destination === destination,
    );
    if (!hooks.length) return { status: 204 };
    return {
      status: 200,
      body: {
        _total_items: hooks.length,
        _links: { self: { href: apiLink(call, '/webhooks') } },
        _embedded: { webhooks: hooks.map((w) => webhookJson(call.ctx.state, w)) },
      },
    };
  });

  router.on('POST', '/api/v4/webhooks', (call) => {
    const result = saveWebhook(call.ctx.state, call.body, call.userId);
    if ('issues' in result) throw problems.validation(result.issues);
    return { status: 200, body: webhookJson(call.ctx.state, result.webhook) };
  });

  // Deleting is by destination, not id. An unknown destination also answers 204 (unsure:
  // idempotent reading; Kommo documents only the success case).
  router.on('DELETE', '/api/v4/webhooks', (call) => {
    const parsed = z.looseObject({ destination: z.string().min(1) }).safeParse(call.body);
    if (!parsed.success) throw validationFrom(parsed.error, call.body);
    for (const [id, w] of call.ctx.state.webhooks) {
      if (w.destination === parsed.data.destination) call.ctx.state.webhooks.delete(id);
    }
    return { status: 204 };
  });

  router.on('GET', '/api/v4/talks/:id', (call, params) => {
    const talk = call.ctx.state.talks.get(Number(params.id));
    if (!talk) throw problems.notFound();
    return { status: 200, body: talkJson(call.ctx.state, talk, (p) => apiLink(call, p)) };
  });

  registerSalesbotRoutes(router);
}

/** Salesbot runs and continuations are accepted (202) and recorded; no bot engine runs. */
function registerSalesbotRoutes(router: ApiRouter): void {
  const record = (
    call: ApiCall,
    kind: 'run' | 'continue',
    botId: number,
    continueId: string | null,
  ) => call.ctx.state.botCalls.push({ kind, botId, continueId, body: call.body, at: Date.now() });

  router.on('POST', '/api/v4/bots/:id/run', (call, params) => {
    const parsed = z
      .looseObject({ entity_id: z.number().int(), entity_type: z.union([z.number(), z.string()]) })
      .safeParse(call.body);
    if (!parsed.success) throw validationFrom(parsed.error, call.body);
    record(call, 'run', Number(params.id), null);
    return { status: 202 };
  });

  router.on('POST', '/api/v2/salesbot/run', (call) => {
    const items = z
      .array(
        z.looseObject({
          bot_id: z.number().int(),
          entity_id: z.number().int(),
          entity_type: z.number().int(),
        }),
      )
      .min(1)
      .max(100)
      .safeParse(call.body);
    if (!items.success) throw validationFrom(items.error, call.body);
    for (const item of items.data) {
      call.ctx.state.botCalls.push({
        kind: 'run',
        botId: item.bot_id,
        continueId: null,
        body: item,
        at: Date.now(),
      });
    }
    return { status: 202 };
  });

  router.on('POST', '/api/v4/salesbot/:bot_id/continue/{continue_id}', (call, params) => {
    const parsed = continueSchema.safeParse(call.body ?? {});
    if (!parsed.success) throw validationFrom(parsed.error, call.body);
    record(call, 'continue', Number(params.bot_id), params.continue_id ?? null);
    return { status: 202 };
  });
}
