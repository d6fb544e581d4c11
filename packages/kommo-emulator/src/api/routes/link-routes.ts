import { z } from 'zod';
import { problems } from '../../http/problem';
import { emitLeadChange } from '../../model/lead-writes';
import type { Lead } from '../../model/types';
import { issue, type EntityIssues } from '../../model/validation-issue';
import { type ApiCall, apiLink } from '../api-call';
import { batchItems } from '../batch-write';
import type { ApiRouter } from './api-router';

const linkSchema = z.looseObject({
  entity_id: z.number().int().optional(),
  to_entity_id: z.number().int(),
  to_entity_type: z.enum(['contacts', 'companies']),
  metadata: z
    .looseObject({ is_main: z.boolean().optional(), main_contact: z.boolean().optional() })
    .nullable()
    .optional(),
});
type LinkWrite = z.infer<typeof linkSchema>;

function linksOf(lead: Lead) {
  return [
    ...lead.contactIds.map((id) => ({
      to_entity_id: id,
      to_entity_type: 'contacts',
      metadata: { main_contact: id === lead.mainContactId },
    })),
    ...(lead.companyId
      ? [{ to_entity_id: lead.companyId, to_entity_type: 'companies', metadata: null }]
      : []),
  ];
}

/** Links an existing lead to contacts/companies (`POST /leads/{id}/link`, `/leads/link`). */
function changeLinks(call: ApiCall, pathLeadId: number | null, unlink: boolean) {
  const state = call.ctx.state;
  const issues: EntityIssues[] = [];
  const writes: { lead: Lead; write: LinkWrite }[] = [];
  batchItems(call).forEach((raw, i) => {
    const parsed = linkSchema.safeParse(raw);
    if (!parsed.success) {
      issues.push({ request_id: String(i), errors: [issue.type('', 'object')] });
      return;
    }
    const leadId = pathLeadId ?? parsed.data.entity_id;
    const lead = leadId !== undefined ? state.leads.get(leadId) : undefined;
    const targetExists = (
      parsed.data.to_entity_type === 'contacts' ? state.contacts : state.companies
    ).has(parsed.data.to_entity_id);
    if (!lead) issues.push({ request_id: String(i), errors: [issue.notFound('entity_id')] });
    else if (!targetExists)
      issues.push({ request_id: String(i), errors: [issue.notFound('to_entity_id')] });
    else writes.push({ lead, write: parsed.data });
  });
  if (issues.length) throw problems.validation(issues);
  const changed = new Map<
    number,
    { statusId: number; pipelineId: number; responsibleUserId: number }
  >();
  for (const { lead, write } of writes) {
    if (!changed.has(lead.id)) {
      changed.set(lead.id, {
        statusId: lead.statusId,
        pipelineId: lead.pipelineId,
        responsibleUserId: lead.responsibleUserId,
      });
    }
    if (write.to_entity_type === 'companies') {
      lead.companyId = unlink
        ? lead.companyId === write.to_entity_id
          ? null
          : lead.companyId
        : write.to_entity_id;
      continue;
    }
    const ids = unlink
      ? lead.contactIds.filter((id) => id !== write.to_entity_id)
      : [...lead.contactIds, write.to_entity_id];
    const makeMain = !unlink && (write.metadata?.is_main ?? write.metadata?.main_contact);
    state.setLeadContacts(lead, ids, makeMain ? write.to_entity_id : null);
  }
  for (const [id, old] of changed) {
    const lead = state.leads.get(id);
    if (!lead) continue;
    lead.updatedAt = Math.max(state.now(), lead.updatedAt);
    lead.updatedBy = call.userId;
    emitLeadChange(state, lead, old, call.userId);
  }
  if (unlink) return { status: 204 };
  const links = writes.map(({ lead, write }) => ({
    entity_id: lead.id,
    entity_type: 'leads',
    to_entity_id: write.to_entity_id,
    to_entity_type: write.to_entity_type,
    metadata: write.metadata ?? null,
  }));
  return {
    status: 200,
    body: {
      _total_items: links.length,
      _links: { self: { href: apiLink(call, '/leads/link') } },
      _embedded: { links },
    },
  };
}

export function registerLinkRoutes(router: ApiRouter): void {
  router.on('GET', '/api/v4/leads/:id/links', (call, params) => {
    const lead = call.ctx.state.leads.get(Number(params.id));
    if (!lead) throw problems.notFound();
    const links = linksOf(lead);
    if (!links.length) return { status: 204 };
    return {
      status: 200,
      body: {
        _total_items: links.length,
        _links: { self: { href: apiLink(call, `/leads/${lead.id}/links`) } },
        _embedded: {
          links: links.map((l) => ({ entity_id: lead.id, entity_type: 'leads', ...l })),
        },
      },
    };
  });
  router.on('POST', '/api/v4/leads/:id/link', (call, params) => {
    if (!call.ctx.state.leads.has(Number(params.id))) throw problems.notFound();
    return changeLinks(call, Number(params.id), false);
  });
  router.on('POST', '/api/v4/leads/link', (call) => changeLinks(call, null, false));
  router.on('POST', '/api/v4/leads/:id/unlink', (call, params) => {
    if (!call.ctx.state.leads.has(Number(params.id))) throw problems.notFound();
    return changeLinks(call, Number(params.id), true);
  });
  router.on('POST', '/api/v4/leads/unlink', (call) => changeLinks(call, null, true));
}
