import { activityRouter } from './routers/activity';
import { agentsRouter } from './routers/agents';
import { authRouter } from './routers/auth';
import { integrationsRouter } from './routers/integrations';
import { kommoRouter } from './routers/kommo';
import { membersRouter } from './routers/members';
import { orgsRouter } from './routers/orgs';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  orgs: orgsRouter,
  members: membersRouter,
  agents: agentsRouter,
  integrations: integrationsRouter,
  kommo: kommoRouter,
  activity: activityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
