import { z } from 'zod';
import { byIdInput } from '@leadpilot/schemas/common';
import {
  connectUrlInput,
  connectWithTokenInput,
  integrationKindSchema,
  integrationStatusSchema,
  syncRunsInput,
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
import { listSyncRuns, syncNow, syncStatus } from '@leadpilot/domain/sync/sync-queries';
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

const resourceProgress = z.object({
  status: z.enum(['pending', 'running', 'done', 'failed']),
  created: z.number(),
  updated: z.number(),
  removed: z.number(),
  total: z.number(),
  error: z.string().optional(),
});

const syncRunOutput = z.object({
  id: z.string(),
  trigger: z.enum(['connect', 'manual', 'schedule']),
  status: z.enum(['queued', 'running', 'succeeded', 'partially_failed', 'failed']),
  progress: z.record(z.string(), resourceProgress),
  requests: z.number(),
  retries: z.number(),
  rateLimited: z.number(),
  error: z.string().nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  createdAt: z.date(),
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

  sync: orgProcedure
    .input(byIdInput)
    .output(z.object({ runId: z.string(), alreadyRunning: z.boolean() }))
    .mutation(({ ctx, input }) => syncNow(ctx.scope, input.id)),

  syncStatus: orgProcedure
    .input(byIdInput)
    .output(
      z.object({
        active: syncRunOutput.nullable(),
        last: syncRunOutput.nullable(),
        lastSyncedAt: z.date().nullable(),
      }),
    )
    .query(({ ctx, input }) => syncStatus(ctx.scope, input.id)),

  syncRuns: orgProcedure
    .input(syncRunsInput)
    .output(z.object({ items: z.array(syncRunOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) =>
      listSyncRuns(ctx.scope, {
        integrationId: input.id,
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),

  disconnect: orgProcedure
    .input(byIdInput)
    .output(z.object({ id: z.string(), warning: z.string().nullable() }))
    .mutation(({ ctx, input }) =>
      disconnectIntegration({ ...ctx.scope, box: ctx.box, kommo: ctx.kommo }, input.id),
    ),
});
