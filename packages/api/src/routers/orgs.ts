import { z } from 'zod';
import type { Db } from '@leadpilot/db/client';
import { createOrgInput, renameOrgInput, switchOrgInput } from '@leadpilot/schemas/orgs';
import { roleSchema } from '@leadpilot/schemas/common';
import { getMe } from '@leadpilot/domain/auth/me';
import { createOrg, listMyOrgs, membershipRole, renameOrg } from '@leadpilot/domain/orgs/orgs';
import { orgProcedure, protectedProcedure, router } from '../trpc';
import { meOutput, orgRef } from './outputs';

async function setActiveOrg(ctx: { db: Db; session: { id: string } }, orgId: string) {
  await ctx.db.session.update({ where: { id: ctx.session.id }, data: { activeOrgId: orgId } });
}

export const orgsRouter = router({
  list: protectedProcedure
    .output(z.array(orgRef.extend({ memberCount: z.number().int() })))
    .query(({ ctx }) => listMyOrgs(ctx.db, ctx.user.id)),

  create: protectedProcedure
    .input(createOrgInput)
    .output(orgRef)
    .mutation(async ({ ctx, input }) => {
      const org = await createOrg(ctx.db, ctx.user.id, input.name);
      await setActiveOrg(ctx, org.id);
      return org;
    }),

  switch: protectedProcedure
    .input(switchOrgInput)
    .output(meOutput)
    .mutation(async ({ ctx, input }) => {
      await membershipRole(ctx.db, ctx.user.id, input.orgId); // NOT_FOUND unless a member
      await setActiveOrg(ctx, input.orgId);
      return getMe(ctx.db, ctx.user.id, input.orgId);
    }),

  rename: orgProcedure
    .input(renameOrgInput)
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => renameOrg(ctx.scope, input.name)),

  current: orgProcedure
    .output(z.object({ id: z.string(), name: z.string(), role: roleSchema }))
    .query(async ({ ctx }) => {
      const org = await ctx.db.organization.findUniqueOrThrow({
        where: { id: ctx.scope.orgId },
        select: { id: true, name: true },
      });
      return { ...org, role: ctx.scope.role };
    }),
});
