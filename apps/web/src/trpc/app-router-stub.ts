// TEMPORARY: a type-level stand-in for @leadpilot/api/root until packages/api exists.
import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { createAgentInput, listAgentsInput, updateAgentInput } from '@leadpilot/schemas/agents';
import { signInInput, signUpInput, updateProfileInput } from '@leadpilot/schemas/auth';
import { byIdInput } from '@leadpilot/schemas/common';
import {
  changeRoleInput,
  createInvitationInput,
  createOrgInput,
  invitationTokenInput,
  removeMemberInput,
  renameOrgInput,
  switchOrgInput,
} from '@leadpilot/schemas/orgs';

type Role = 'owner' | 'admin' | 'member';
type Me = {
  user: { id: string; email: string; name: string; locale: 'en' | 'ru' };
  activeOrg: { id: string; name: string; role: Role } | null;
  orgs: { id: string; name: string; role: Role }[];
};
type Agent = {
  id: string;
  name: string;
  description: string;
  status: 'draft' | 'active' | 'paused';
  persona: string;
  instructions: string;
  languages: string[];
  tone: 'friendly' | 'professional' | 'formal' | 'casual';
  workingHours: { timezone: string; intervals: { day: number; start: string; end: string }[] };
  handoffPhrases: string[];
  handoffUserId: string | null;
  handoffUser: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

const t = initTRPC.create({
  transformer: superjson,
  errorFormatter: ({ shape }) => ({
    ...shape,
    data: {
      ...shape.data,
      fieldErrors: null as Record<string, string[]> | null,
      retryAfterSeconds: null as number | null,
    },
  }),
});
const p = t.procedure;
const out = <T>() => null as unknown as T;

export const appRouter = t.router({
  auth: t.router({
    me: p.query(() => out<Me | null>()),
    signUp: p.input(signUpInput).mutation(() => out<Me>()),
    signIn: p.input(signInInput).mutation(() => out<Me>()),
    signOut: p.mutation(() => out<{ ok: true }>()),
    signOutEverywhere: p.mutation(() => out<{ ok: true }>()),
    updateProfile: p.input(updateProfileInput).mutation(() => out<Me>()),
  }),
  orgs: t.router({
    list: p.query(() => out<{ id: string; name: string; role: Role; memberCount: number }[]>()),
    create: p.input(createOrgInput).mutation(() => out<{ id: string; name: string; role: Role }>()),
    switch: p.input(switchOrgInput).mutation(() => out<Me>()),
    rename: p.input(renameOrgInput).mutation(() => out<{ id: string; name: string }>()),
  }),
  members: t.router({
    list: p.query(() =>
      out<{ userId: string; name: string; email: string; role: Role; joinedAt: Date; isYou: boolean }[]>(),
    ),
    changeRole: p.input(changeRoleInput).mutation(() => out<{ ok: true }>()),
    remove: p.input(removeMemberInput).mutation(() => out<{ ok: true }>()),
    leave: p.mutation(() => out<{ ok: true }>()),
    invite: p
      .input(createInvitationInput)
      .mutation(() => out<{ id: string; token: string; url: string; role: Role; expiresAt: Date }>()),
    invitations: p.query(() =>
      out<
        {
          id: string;
          role: Role;
          email: string | null;
          createdAt: Date;
          expiresAt: Date;
          createdBy: { name: string };
        }[]
      >(),
    ),
    revokeInvitation: p.input(byIdInput).mutation(() => out<{ ok: true }>()),
    invitationInfo: p.input(invitationTokenInput).query(() =>
      out<{
        orgName: string;
        role: Role;
        invitedBy: string;
        expiresAt: Date;
        status: 'pending' | 'expired' | 'used' | 'revoked';
      }>(),
    ),
    acceptInvitation: p
      .input(invitationTokenInput)
      .mutation(() => out<{ orgId: string; orgName: string }>()),
  }),
  agents: t.router({
    list: p
      .input(listAgentsInput)
      .query(() => out<{ items: Agent[]; nextCursor: string | null }>()),
    get: p.input(byIdInput).query(() => out<Agent>()),
    create: p.input(createAgentInput).mutation(() => out<Agent>()),
    update: p.input(updateAgentInput).mutation(() => out<Agent>()),
    delete: p.input(byIdInput).mutation(() => out<{ id: string }>()),
  }),
});

export type AppRouter = typeof appRouter;
