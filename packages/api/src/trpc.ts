import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import { DomainError } from '@leadpilot/domain/errors';
import type { OrgScope } from '@leadpilot/domain/context';
import { englishIssueMessage } from '@leadpilot/schemas/messages';
import type { Context } from './context';
import { formatError, toTRPCError } from './errors';

z.config({ customError: englishIssueMessage });

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // SSE subscriptions: a comment every 15 s keeps proxies from closing a quiet stream, and a
  // client that hears nothing for 25 s reconnects (resuming from its last event id).
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter({ shape, error }) {
    const formatted = formatError(error);
    return {
      ...shape,
      message: formatted.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: formatted.fieldErrors,
        retryAfterSeconds: formatted.retryAfterSeconds,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError)
    throw toTRPCError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session || !ctx.user)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.user } });
});

/**
 * Signed in and a member of the session's active organisation. The role comes with the session
 * (one statement per request: see session-adapter.ts). Puts `ctx.scope` (db, orgId, userId,
 * role) in context; domain functions still filter by orgId in every query.
 */
export const orgProcedure = protectedProcedure.use(({ ctx, next }) => {
  const orgId = ctx.session.activeOrgId;
  if (!orgId) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Choose or create an organisation first.',
    });
  }
  const role = ctx.session.activeOrgRole;
  if (!role) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'You are no longer a member of this organisation. Choose another one.',
    });
  }
  const scope: OrgScope = { db: ctx.db, pg: ctx.pg, orgId, userId: ctx.user.id, role };
  return next({ ctx: { ...ctx, scope } });
});
