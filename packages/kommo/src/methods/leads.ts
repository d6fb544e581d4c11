import {
  type Lead,
  type LeadInput,
  type LeadPatch,
  leadSchema,
  type LeadWith,
} from '../schemas/lead';
import type { Request } from '../transport';
import { entityMethods } from './entity-methods';

/** https://developers.kommo.com/reference/leads-list */
export function leadMethods(request: Request) {
  const m = entityMethods<Lead, LeadWith, LeadInput, LeadPatch>(request, 'leads', leadSchema);
  return {
    listLeads: m.list,
    iterateLeads: m.iterate,
    getLead: m.get,
    createLeads: m.create,
    updateLeads: m.update,
    /** Moving a lead: `updateLead(id, { status_id, pipeline_id })`. */
    updateLead: m.updateOne,
  };
}
