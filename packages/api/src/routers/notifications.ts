import { z } from 'zod';
import {
  listNotifications,
  markNotificationsRead,
  unreadNotificationCount,
} from '@leadpilot/domain/kommo-events/notifications';
import {
  listNotificationsInput,
  markNotificationsReadInput,
} from '@leadpilot/schemas/notifications';
import { orgProcedure, router } from '../trpc';

const notificationOutput = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.unknown(),
  integrationId: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

/** The caller's in-app notifications in the active organisation (e.g. a Kommo task assigned to them). */
export const notificationsRouter = router({
  list: orgProcedure
    .input(listNotificationsInput)
    .output(z.object({ items: z.array(notificationOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listNotifications(ctx.scope, input)),

  unreadCount: orgProcedure
    .output(z.number())
    .query(({ ctx }) => unreadNotificationCount(ctx.scope)),

  markRead: orgProcedure
    .input(markNotificationsReadInput)
    .output(z.object({ marked: z.number() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.scope, input)),
});
