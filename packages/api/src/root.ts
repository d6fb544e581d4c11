import { agentsRouter } from './routers/agents';
import { authRouter } from './routers/auth';
import { membersRouter } from './routers/members';
import { orgsRouter } from './routers/orgs';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  orgs: orgsRouter,
  members: membersRouter,
  agents: agentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
