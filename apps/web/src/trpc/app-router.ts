import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@leadpilot/api/root';

// Type-only: nothing of the server reaches the browser bundle.
export type { AppRouter };
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Me = NonNullable<RouterOutputs['auth']['me']>;
export type ActiveOrg = NonNullable<Me['activeOrg']>;
export type Agent = RouterOutputs['agents']['get'];
export type Member = RouterOutputs['members']['list'][number];
export type PendingInvitation = RouterOutputs['members']['invitations'][number];
export type InvitationInfo = RouterOutputs['members']['invitationInfo'];
export type Integration = RouterOutputs['integrations']['list'][number];
export type IntegrationDetail = RouterOutputs['integrations']['get'];
export type IntegrationOptions = RouterOutputs['integrations']['options'];
export type IntegrationKind = Integration['kind'];
