import { z } from 'zod';
import { byIdInput } from '@leadpilot/schemas/common';
import {
  agentStatusSchema,
  agentToneSchema,
  createAgentInput,
  listAgentsInput,
  updateAgentInput,
  workingHoursSchema,
} from '@leadpilot/schemas/agents';
import {
  createAgent,
  deleteAgent,
  getAgent,
  listAgents,
  updateAgent,
} from '@leadpilot/domain/agents/agents';
import { integrationStatusSchema } from '@leadpilot/schemas/integrations';
import { orgProcedure, router } from '../trpc';
import { userRef } from './outputs';

const agentOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: agentStatusSchema,
  persona: z.string(),
  instructions: z.string(),
  languages: z.array(z.string()),
  tone: agentToneSchema,
  workingHours: workingHoursSchema,
  handoffPhrases: z.array(z.string()),
  handoffUserId: z.string().nullable(),
  handoffUser: userRef.nullable(),
  integrationId: z.string().nullable(),
  integration: z
    .object({
      id: z.string(),
      accountName: z.string().nullable(),
      host: z.string(),
      status: integrationStatusSchema,
    })
    .nullable(),
  createdBy: userRef.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const agentsRouter = router({
  list: orgProcedure
    .input(listAgentsInput)
    .output(z.object({ items: z.array(agentOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listAgents(ctx.scope, input)),

  get: orgProcedure
    .input(byIdInput)
    .output(agentOutput)
    .query(({ ctx, input }) => getAgent(ctx.scope, input.id)),

  create: orgProcedure
    .input(createAgentInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => createAgent(ctx.scope, input)),

  update: orgProcedure
    .input(updateAgentInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => updateAgent(ctx.scope, input.id, input.data)),

  delete: orgProcedure
    .input(byIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => deleteAgent(ctx.scope, input.id)),
});
