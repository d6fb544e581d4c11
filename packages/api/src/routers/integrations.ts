import { z } from 'zod';
import { byIdInput } from '@leadpilot/schemas/common';
import {
  connectUrlInput,
  connectWithTokenInput,
  integrationKindSchema,
  integrationStatusSchema,
} from '@leadpilot/schemas/integrations';
import {
  connectWithLongLivedToken,
  startKommoConnect,
} from '@leadpilot/domain/integrations/connect';
import {
  disconnectIntegration,
  getIntegration,
  listIntegrations,
} from '@leadpilot/domain/integrations/integrations';
import { orgProcedure, router } from '../trpc';
import { userRef } from './outputs';

const integrationOutput = z.object({
  id: z.string(),
  kind: integrationKindSchema,
  host: z.string(),
  accountId: z.number().nullable(),
  accountName: z.string().nullable(),
  subdomain: z.string().nullable(),
  status: integrationStatusSchema,
  statusReason: z.string().nullable(),
  webhookRegistered: z.boolean(),
  connectedAt: z.date().nullable(),
  disconnectedAt: z.date().nullable(),
  createdAt: z.date(),
  connectedBy: userRef.nullable(),
  agentCount: z.number().int(),
});

export const integrationsRouter = router({
  list: orgProcedure
    .output(z.array(integrationOutput))
    .query(({ ctx }) => listIntegrations(ctx.scope)),

  get: orgProcedure
    .input(byIdInput)
    .output(integrationOutput.extend({ webhookUrl: z.string().nullable() }))
    .query(({ ctx, input }) =>
      getIntegration({ ...ctx.scope, box: ctx.box, kommo: ctx.kommo }, input.id),
    ),

  /** What connecting can use here: a real Kommo app (configured) and/or the demo account. */
  options: orgProcedure
    .output(z.object({ real: z.boolean(), demo: z.boolean() }))
    .query(({ ctx }) => ({
      real: ctx.kommo.real !== undefined,
      demo: ctx.kommo.demo !== undefined,
    })),

  connectUrl: orgProcedure
    .input(connectUrlInput)
    .output(z.object({ url: z.string() }))
    .mutation(({ ctx, input }) =>
      startKommoConnect({ ...ctx.scope, sessionId: ctx.session.id, kommo: ctx.kommo }, input.kind),
    ),

  connectDemo: orgProcedure
    .output(z.object({ url: z.string() }))
    .mutation(({ ctx }) =>
      startKommoConnect(
        { ...ctx.scope, sessionId: ctx.session.id, kommo: ctx.kommo },
        'kommo_demo',
      ),
    ),

  connectWithToken: orgProcedure
    .input(connectWithTokenInput)
    .output(z.object({ integrationId: z.string() }))
    .mutation(({ ctx, input }) =>
      connectWithLongLivedToken({ ...ctx.scope, box: ctx.box, kommo: ctx.kommo }, input),
    ),

  disconnect: orgProcedure
    .input(byIdInput)
    .output(z.object({ id: z.string(), warning: z.string().nullable() }))
    .mutation(({ ctx, input }) =>
      disconnectIntegration({ ...ctx.scope, box: ctx.box, kommo: ctx.kommo }, input.id),
    ),
});
