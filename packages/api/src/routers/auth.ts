import { signInInput, signUpInput, updateProfileInput } from '@leadpilot/schemas/auth';
import { getMe } from '@leadpilot/domain/auth/me';
import { defaultOrgFor, signIn } from '@leadpilot/domain/auth/sign-in';
import { signUp } from '@leadpilot/domain/auth/sign-up';
import type { Context } from '../context';
import { protectedProcedure, publicProcedure, router } from '../trpc';
import { meOutput, okOutput } from './outputs';

async function startSession(ctx: Context, userId: string, activeOrgId: string | null) {
  const session = await ctx.auth.createSession(userId, { activeOrgId });
  ctx.cookies.set(ctx.auth.createSessionCookie(session.id).serialize());
  return getMe(ctx.db, userId, activeOrgId);
}

export const authRouter = router({
  signUp: publicProcedure
    .input(signUpInput)
    .output(meOutput)
    .mutation(async ({ ctx, input }) => {
      const { userId, orgId } = await signUp(ctx.db, input);
      if (ctx.session) await ctx.auth.invalidateSession(ctx.session.id);
      return startSession(ctx, userId, orgId);
    }),

  signIn: publicProcedure
    .input(signInInput)
    .output(meOutput)
    .mutation(async ({ ctx, input }) => {
      const { userId } = await signIn(ctx.db, { ...input, ip: ctx.ip });
      // A new session id on every sign-in (no session fixation).
      if (ctx.session) await ctx.auth.invalidateSession(ctx.session.id);
      return startSession(ctx, userId, await defaultOrgFor(ctx.db, userId));
    }),

  signOut: publicProcedure.output(okOutput).mutation(async ({ ctx }) => {
    if (ctx.session) await ctx.auth.invalidateSession(ctx.session.id);
    ctx.cookies.set(ctx.auth.createBlankSessionCookie().serialize());
    return { ok: true as const };
  }),

  signOutEverywhere: protectedProcedure.output(okOutput).mutation(async ({ ctx }) => {
    await ctx.auth.invalidateUserSessions(ctx.user.id);
    ctx.cookies.set(ctx.auth.createBlankSessionCookie().serialize());
    return { ok: true as const };
  }),

  me: publicProcedure.output(meOutput.nullable()).query(({ ctx }) => {
    if (!ctx.user || !ctx.session) return null;
    return getMe(ctx.db, ctx.user.id, ctx.session.activeOrgId);
  }),

  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .output(meOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.user.update({ where: { id: ctx.user.id }, data: input, select: { id: true } });
      return getMe(ctx.db, ctx.user.id, ctx.session.activeOrgId);
    }),
});
