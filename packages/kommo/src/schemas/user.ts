import { z } from 'zod';

/** https://developers.kommo.com/reference/users-list (admin only). */
export const userSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  email: z.string().nullish(),
  lang: z.string().nullish(),
  rights: z
    .looseObject({
      is_admin: z.boolean().nullish(),
      is_free: z.boolean().nullish(),
      is_active: z.boolean().nullish(),
      group_id: z.number().nullish(),
      role_id: z.number().nullish(),
    })
    .nullish(),
});
export type User = z.output<typeof userSchema>;

export type UserWith = 'role' | 'group' | 'uuid' | 'amojo_id';
