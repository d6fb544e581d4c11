import { z } from 'zod';

export const idSchema = z.uuid();
export const byIdInput = z.object({ id: idSchema });

/** Keyset pagination: `cursor` is opaque (from a previous page's `nextCursor`). */
export const pageInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type PageInput = z.input<typeof pageInput>;

export const roleSchema = z.enum(['owner', 'admin', 'member']);
export type Role = z.infer<typeof roleSchema>;

export const localeSchema = z.enum(['en', 'ru']);
export type Locale = z.infer<typeof localeSchema>;
