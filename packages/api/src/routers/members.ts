import { z } from 'zod';
import { byIdInput, roleSchema } from '@leadpilot/schemas/common';
import {
  changeRoleInput,
  createInvitationInput,
  invitationTokenInput,
  removeMemberInput,
} from '@leadpilot/schemas/orgs';
import { changeRole, listMembers, removeMember } from '@leadpilot/domain/orgs/members';
import {
  acceptInvitation,
  createInvitation,
  invitationInfo,
  listPendingInvitations,
  revokeInvitation,
} from '@leadpilot/domain/orgs/invitations';
import { orgProcedure, protectedProcedure, publicProcedure, router } from '../trpc';
import { okOutput } from './outputs';

const memberOutput = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  joinedAt: z.date(),
  isYou: z.boolean(),
});

export const membersRouter = router({
  list: orgProcedure.output(z.array(memberOutput)).query(({ ctx }) => listMembers(ctx.scope)),

  changeRole: orgProcedure
    .input(changeRoleInput)
    .output(z.object({ userId: z.string(), role: roleSchema }))
    .mutation(({ ctx, input }) => changeRole(ctx.scope, input)),

  remove: orgProcedure
    .input(removeMemberInput)
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => removeMember(ctx.scope, input.userId)),

  leave: orgProcedure.output(okOutput).mutation(async ({ ctx }) => {
    await removeMember(ctx.scope, ctx.scope.userId);
    return { ok: true as const };
  }),

  invite: orgProcedure
    .input(createInvitationInput)
    .output(
      z.object({
        id: z.string(),
        token: z.string(),
        url: z.string(),
        role: roleSchema,
        expiresAt: z.date(),
      }),
    )
    .mutation(({ ctx, input }) => createInvitation(ctx.scope, input)),

  invitations: orgProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          role: roleSchema,
          email: z.string().nullable(),
          createdAt: z.date(),
          expiresAt: z.date(),
          createdBy: z.object({ name: z.string() }),
        }),
      ),
    )
    .query(({ ctx }) => listPendingInvitations(ctx.scope)),

  revokeInvitation: orgProcedure
    .input(byIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.scope, input.id)),

  invitationInfo: publicProcedure
    .input(invitationTokenInput)
    .output(
      z.object({
        orgName: z.string(),
        role: roleSchema,
        invitedBy: z.string(),
        expiresAt: z.date(),
        status: z.enum(['pending', 'expired', 'used', 'revoked']),
      }),
    )
    .query(({ ctx, input }) => invitationInfo(ctx.db, input.token)),

  acceptInvitation: protectedProcedure
    .input(invitationTokenInput)
    .output(z.object({ orgId: z.string(), orgName: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const joined = await acceptInvitation(ctx.db, { token: input.token, userId: ctx.user.id });
      await ctx.db.session.update({
        where: { id: ctx.session.id },
        data: { activeOrgId: joined.orgId },
      });
      return joined;
    }),
});
