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
export type SyncStatus = RouterOutputs['integrations']['syncStatus'];
export type SyncRun = NonNullable<SyncStatus['last']>;
export type SyncRunStatus = SyncRun['status'];
export type SyncResourceProgress = SyncRun['progress'][string];
export type KommoPipeline = RouterOutputs['kommo']['pipelines'][number];
export type KommoStage = KommoPipeline['stages'][number];
export type KommoField = RouterOutputs['kommo']['fields'][number];
export type KommoFieldEntity = RouterInputs['kommo']['fields']['entity'];
export type KommoSource = RouterOutputs['kommo']['sources'][number];
export type KommoUser = RouterOutputs['kommo']['users'][number];
export type KommoLead = RouterOutputs['kommo']['leads']['items'][number];
export type KommoLeadDetail = RouterOutputs['kommo']['lead'];
export type TimelineItem = RouterOutputs['kommo']['timeline']['items'][number];
export type AppNotification = RouterOutputs['notifications']['list']['items'][number];
export type WebhookDelivery = RouterOutputs['webhooks']['list']['items'][number];
export type WebhookDeliveryDetail = RouterOutputs['webhooks']['get'];
export type WebhookStatus = WebhookDelivery['status'];
export type ActivityEntry = RouterOutputs['activity']['list']['items'][number];
export type ActivityStats = RouterOutputs['activity']['stats'];
