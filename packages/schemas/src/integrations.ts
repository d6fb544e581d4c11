import { z } from 'zod';

export const integrationKindSchema = z.enum(['kommo', 'kommo_demo']);
export const integrationStatusSchema = z.enum(['connected', 'needs_reauth', 'blocked', 'payment_required', 'disconnected']);
export type IntegrationStatus = z.infer<typeof integrationStatusSchema>;

export const connectUrlInput = z.object({ kind: integrationKindSchema.default('kommo') });
