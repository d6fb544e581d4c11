import { z } from 'zod';

/** https://developers.kommo.com/reference/account-parameters */
export const accountSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  subdomain: z.string(),
  current_user_id: z.number(),
  country: z.string().nullish(),
  currency: z.string().nullish(),
  currency_symbol: z.string().nullish(),
  /** The account's id in the chat service (`with=amojo_id`). */
  amojo_id: z.string().nullish(),
  _embedded: z
    .looseObject({
      task_types: z
        .array(z.looseObject({ id: z.number(), name: z.string(), code: z.string().nullish() }))
        .nullish(),
      users_groups: z.array(z.looseObject({ id: z.number(), name: z.string() })).nullish(),
    })
    .nullish(),
  datetime_settings: z.looseObject({ timezone: z.string().nullish() }).nullish(),
});
export type Account = z.output<typeof accountSchema>;

export type AccountWith =
  'amojo_id' | 'task_types' | 'users_groups' | 'datetime_settings' | 'version';
