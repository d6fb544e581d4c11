import { z } from 'zod';
import { idSchema, roleSchema } from './common';
import { orgNameSchema } from './auth';

export const createOrgInput = z.object({ name: orgNameSchema });
export const renameOrgInput = z.object({ name: orgNameSchema });
export const switchOrgInput = z.object({ orgId: idSchema });

export const createInvitationInput = z.object({
  role: roleSchema.default('member'),
  /** Optional: a note of who the link is for; anyone holding the link can accept it. */
  email: z
    .email()
    .max(254)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type CreateInvitationInput = z.input<typeof createInvitationInput>;

export const invitationTokenInput = z.object({ token: z.string().min(20).max(100) });

export const changeRoleInput = z.object({ userId: idSchema, role: roleSchema });
export const removeMemberInput = z.object({ userId: idSchema });
