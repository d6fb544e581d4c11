import { activityRouter } from './routers/activity';
import { agentsRouter } from './routers/agents';
import { authRouter } from './routers/auth';
import { integrationsRouter } from './routers/integrations';
import { notificationsRouter } from './routers/notifications';
import { kommoRouter } from './routers/kommo';
import { membersRouter } from './routers/members';
import { orgsRouter } from './routers/orgs';
import { webhooksRouter } from './routers/webhooks';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  orgs: orgsRouter,
  members: membersRouter,
  agents: agentsRouter,
  integrations: integrationsRouter,
  kommo: kommoRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
  activity: activityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
