import { z } from 'zod';

export const listNotificationsInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
  unreadOnly: z.boolean().optional(),
});

export const markNotificationsReadInput = z.object({
  /** Without ids: all of the caller's notifications. */
  ids: z.array(z.uuid()).min(1).max(200).optional(),
});
