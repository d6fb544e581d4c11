import type { Prisma } from '@leadpilot/db/client';
import type { z } from 'zod';
import type { AgentStatus, WorkingHours } from '@leadpilot/schemas/agents';
import { type createAgentInput, workingHoursSchema } from '@leadpilot/schemas/agents';
import { recordActivity } from '../activity/record-activity';
import type { OrgScope } from '../context';
import { requireRole } from '../context';
import { invalid, notFound } from '../errors';
import { afterCursor, decodeCursor, toPage } from '../pagination';

const agentSelect = {
  id: true,
  name: true,
  description: true,
  status: true,
  persona: true,
  instructions: true,
  languages: true,
  tone: true,
  workingHours: true,
  handoffPhrases: true,
  handoffUserId: true,
  handoffUser: { select: { id: true, name: true } },
  integrationId: true,
  integration: { select: { id: true, accountName: true, host: true, status: true } },
  createdBy: { select: { id: true, name: true } },
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AgentSelect;

type AgentRow = Prisma.AgentGetPayload<{ select: typeof agentSelect }>;
export type Agent = Omit<AgentRow, 'workingHours'> & { workingHours: WorkingHours };

function toAgent(row: AgentRow): Agent {
  // jsonb comes back untyped: parse it rather than cast it (defaults if an old row is malformed).
  const parsed = workingHoursSchema.safeParse(row.workingHours);
  return {
    ...row,
    workingHours: parsed.success ? parsed.data : { timezone: 'UTC', intervals: [] },
  };
}

/** A complete agent as validated by the shared schema (defaults applied). */
export type AgentData = z.output<typeof createAgentInput>;

async function assertHandoffMember(scope: OrgScope, userId: string | null | undefined) {
  if (!userId) return;
  const member = await scope.db.membership.findUnique({
    where: { orgId_userId: { orgId: scope.orgId, userId } },
    select: { id: true },
  });
  if (!member)
    throw invalid('handoffUserId', 'The handoff teammate must be a member of this organisation.');
}

async function assertIntegrationInOrg(scope: OrgScope, integrationId: string | null | undefined) {
  if (!integrationId) return;
  const found = await scope.db.integration.findFirst({
    where: { id: integrationId, orgId: scope.orgId },
    select: { id: true },
  });
  if (!found) throw invalid('integrationId', 'Choose a Kommo integration of this organisation.');
}

export async function listAgents(
  scope: OrgScope,
  input: {
    cursor?: string | null;
    limit: number;
    search?: string | undefined;
    status?: AgentStatus | undefined;
  },
) {
  const rows = await scope.db.agent.findMany({
    where: {
      orgId: scope.orgId,
      ...(input.search ? { name: { contains: input.search, mode: 'insensitive' as const } } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...afterCursor(decodeCursor(input.cursor)),
    },
    select: agentSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  const page = toPage(rows, input.limit);
  return { items: page.items.map(toAgent), nextCursor: page.nextCursor };
}

export async function getAgent(scope: OrgScope, id: string): Promise<Agent> {
  // Scoped by orgId in the query itself: another organisation's agent is simply not found.
  const row = await scope.db.agent.findFirst({
    where: { id, orgId: scope.orgId },
    select: agentSelect,
  });
  if (!row) throw notFound('Agent');
  return toAgent(row);
}

export async function createAgent(scope: OrgScope, data: AgentData): Promise<Agent> {
  requireRole(scope, 'admin', 'create agents');
  await assertHandoffMember(scope, data.handoffUserId);
  await assertIntegrationInOrg(scope, data.integrationId);
  const { id } = await scope.db.$transaction(async (tx) => {
    // Only scalars inside the transaction: Prisma would fetch the relations of agentSelect with
    // parallel queries on the one transaction connection.
    const agent = await tx.agent.create({
      data: { ...data, orgId: scope.orgId, createdById: scope.userId },
      select: { id: true, name: true, integrationId: true },
    });
    await recordActivity(tx, {
      orgId: scope.orgId,
      userId: scope.userId,
      type: 'agent.created',
      agentId: agent.id,
      integrationId: agent.integrationId,
      subject: { type: 'agent', id: agent.id },
      params: { name: agent.name },
    });
    return agent;
  });
  return getAgent(scope, id);
}

export async function updateAgent(
  scope: OrgScope,
  id: string,
  data: Partial<AgentData>,
): Promise<Agent> {
  requireRole(scope, 'admin', 'edit agents');
  await assertHandoffMember(scope, data.handoffUserId);
  await assertIntegrationInOrg(scope, data.integrationId);
  await scope.db.$transaction(async (tx) => {
    const before = await tx.agent.findFirst({ where: { id, orgId: scope.orgId } });
    if (!before) throw notFound('Agent');
    const { count } = await tx.agent.updateMany({ where: { id, orgId: scope.orgId }, data });
    if (!count) throw notFound('Agent');
    const changes = (Object.keys(data) as (keyof AgentData)[]).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(data[key]),
    );
    if (changes.length === 0) return; // saved without changes: nothing happened
    await recordActivity(tx, {
      orgId: scope.orgId,
      userId: scope.userId,
      type: 'agent.updated',
      agentId: id,
      integrationId: data.integrationId !== undefined ? data.integrationId : before.integrationId,
      subject: { type: 'agent', id },
      params: { name: data.name ?? before.name, changes },
    });
  });
  return getAgent(scope, id);
}

export async function deleteAgent(scope: OrgScope, id: string): Promise<{ id: string }> {
  requireRole(scope, 'admin', 'delete agents');
  await scope.db.$transaction(async (tx) => {
    const agent = await tx.agent.findFirst({
      where: { id, orgId: scope.orgId },
      select: { name: true, integrationId: true },
    });
    const { count } = await tx.agent.deleteMany({ where: { id, orgId: scope.orgId } });
    if (!agent || !count) throw notFound('Agent');
    // No subject: there is nothing left to open.
    await recordActivity(tx, {
      orgId: scope.orgId,
      userId: scope.userId,
      type: 'agent.deleted',
      agentId: id,
      integrationId: agent.integrationId,
      params: { name: agent.name },
    });
  });
  return { id };
}
