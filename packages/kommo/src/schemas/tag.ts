import { z } from 'zod';

/** https://developers.kommo.com/reference/tags-list */
export const tagSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  color: z.string().nullish(),
});
export type Tag = z.output<typeof tagSchema>;

/** Tags on a write: by id, or by name (Kommo creates missing ones). */
export type TagRef = { id: number } | { name: string };
