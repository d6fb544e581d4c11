import { tracked } from '@trpc/server';
import { z } from 'zod';
import {
  activityStatsInput,
  listActivityInput,
  onNewActivityInput,
} from '@leadpilot/schemas/activity';
import type { ActivityEntry } from '@leadpilot/domain/activity/activity-entry';
import { activityStats, listActivity } from '@leadpilot/domain/activity/activity-queries';
import { streamActivity } from '@leadpilot/domain/activity/activity-stream';
import { DomainError } from '@leadpilot/domain/errors';
import { toTRPCError } from '../errors';
import { orgProcedure, router } from '../trpc';
import { userRef } from './outputs';

const entryOutput = z.object({
  id: z.string(),
  /** A string, not the enum: a newer server may write kinds this client does not know yet. */
  type: z.string(),
  /** English; the web app renders its own title from type + params in the reader's language. */
  title: z.string(),
  description: z.string(),
  params: z.record(z.string(), z.unknown()),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  agentId: z.string().nullable(),
  integrationId: z.string().nullable(),
  integrationName: z.string().nullable(),
  user: userRef.nullable(),
  createdAt: z.date(),
});

const counts = z.record(z.string(), z.number().int());

/** Subscriptions bypass the procedure middleware once streaming: map domain errors here. */
async function* mappingErrors(
  source: AsyncGenerator<ActivityEntry>,
): AsyncGenerator<ReturnType<typeof tracked<ActivityEntry>>> {
  try {
    for await (const entry of source) yield tracked(entry.id, entryOutput.parse(entry));
  } catch (error) {
    throw error instanceof DomainError ? toTRPCError(error) : error;
  }
}

export const activityRouter = router({
  list: orgProcedure
    .input(listActivityInput)
    .output(
      z.object({
        items: z.array(entryOutput),
        nextCursor: z.string().nullable(),
        latestId: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listActivity(ctx.scope, input)),

  stats: orgProcedure
    .input(activityStatsInput)
    .output(
      z.object({
        cards: z.object({
          repliesSent: z.number().int(),
          actionsExecuted: z.number().int(),
          leadsTouched: z.number().int(),
          errors: z.number().int(),
        }),
        totals: counts,
        days: z.array(z.object({ day: z.string(), counts })),
      }),
    )
    .query(({ ctx, input }) => activityStats(ctx.scope, input)),

  /**
   * New entries of the active organisation over SSE. tRPC's httpSubscriptionLink sends the last
   * event id it saw when it reconnects, and the stream replays what came after it.
   */
  onNew: orgProcedure.input(onNewActivityInput).subscription(({ ctx, input, signal }) =>
    mappingErrors(
      streamActivity({
        scope: ctx.scope,
        hub: ctx.activity,
        sessionId: ctx.session.id,
        lastEventId: input.lastEventId,
        signal,
      }),
    ),
  ),
});
