import { z } from 'zod';

export const integrationKindSchema = z.enum(['kommo', 'kommo_demo']);
export const integrationStatusSchema = z.enum([
  'connected',
  'needs_reauth',
  'blocked',
  'payment_required',
  'disconnected',
]);
export type IntegrationStatus = z.infer<typeof integrationStatusSchema>;

export const connectUrlInput = z.object({ kind: integrationKindSchema.default('kommo') });

export const connectWithTokenInput = z.object({
  kind: integrationKindSchema.default('kommo'),
  /** The account address, e.g. yourcompany.kommo.com */
  host: z.string().trim().min(3).max(255),
  /** A private integration's long-lived token (Kommo → Settings → Integrations → Keys and scopes). */
  token: z.string().trim().min(20).max(4000),
});

export const syncRunsInput = z.object({
  id: z.uuid(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const mirrorInput = z.object({ integrationId: z.uuid() });
export const mirrorFieldsInput = mirrorInput.extend({
  entity: z.enum(['leads', 'contacts', 'companies']),
});

export const mirrorLeadsInput = mirrorInput.extend({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
  pipelineId: z.number().int().positive().optional(),
  statusId: z.number().int().positive().optional(),
  search: z.string().trim().max(100).optional(),
});
export const mirrorLeadInput = mirrorInput.extend({ kommoId: z.number().int().positive() });

/** `userId`: a teammate, `null` for nobody, `'auto'` to go back to matching by email. */
export const mirrorMapUserInput = mirrorInput.extend({
  kommoId: z.number().int().positive(),
  userId: z.union([z.uuid(), z.literal('auto'), z.null()]),
});

export const leadTimelineInput = mirrorInput.extend({
  leadId: z.number().int().positive(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(30),
});
