import {
  activityParams,
  type ActivityParams,
  type ActivityType,
} from '@leadpilot/schemas/activity';
import type { PluralKey, Translate } from '../../i18n/translate';
import { syncResourceName } from '../integrations/sync-resource-name';
import { isActivityType } from './activity-kinds';

/** What a row needs to be worded (a feed entry as the API returns it). */
export interface TitledEntry {
  type: string;
  title: string;
  params: Record<string, unknown>;
}

interface Words {
  t: Translate;
  tp: (base: PluralKey, count: number) => string;
  list: (items: string[]) => string;
}

// agent.updated stores the agent's field names; these are their labels on the agent form.
const agentFieldLabel = (field: string, t: Translate): string => {
  switch (field) {
    case 'name':
      return t('fields.name');
    case 'description':
      return t('fields.description');
    case 'status':
      return t('fields.status');
    case 'persona':
      return t('fields.persona');
    case 'instructions':
      return t('fields.instructions');
    case 'languages':
      return t('fields.languages');
    case 'tone':
      return t('fields.tone');
    case 'workingHours':
      return t('agentForm.workingHours');
    case 'handoffPhrases':
      return t('fields.handoffPhrases');
    case 'handoffUserId':
      return t('fields.handoffUser');
    case 'integrationId':
      return t('fields.integration');
    default:
      return field;
  }
};

/** Kinds later features write: their label, plus the first name-like parameter they carry. */
function pending(type: ActivityType, params: Record<string, unknown>, { t }: Words): string {
  const label = t(`activity.type.${type}`);
  const detail = ['agentName', 'leadName', 'name', 'text', 'reason']
    .map((key) => params[key])
    .find((v): v is string => typeof v === 'string' && v !== '');
  return detail ? t('activity.title.withDetail', { label, detail }) : label;
}

const render: { [T in ActivityType]: (p: ActivityParams<T>, w: Words) => string } = {
  'agent.created': (p, { t }) => t('activity.title.agent.created', { name: p.name }),
  'agent.updated': (p, { t, list }) =>
    t('activity.title.agent.updated', {
      name: p.name,
      changes: list(p.changes.map((field) => agentFieldLabel(field, t))),
    }),
  'agent.deleted': (p, { t }) => t('activity.title.agent.deleted', { name: p.name }),
  'agent.replied': (p, w) => pending('agent.replied', p, w),
  'agent.error': (p, w) => pending('agent.error', p, w),
  'action.executed': (p, w) => pending('action.executed', p, w),
  'action.undone': (p, w) => pending('action.undone', p, w),
  'lead.stage_changed': (p, { t }) =>
    p.by
      ? t('activity.title.lead.stageChangedBy', { lead: p.leadName, stage: p.stage, by: p.by })
      : t('activity.title.lead.stageChanged', { lead: p.leadName, stage: p.stage }),
  'task.assigned': (p, { t }) =>
    p.assignee
      ? t('activity.title.task.assigned', { text: p.text, name: p.assignee })
      : t('activity.title.task.created', { text: p.text }),
  'call.missed': (p, { t }) =>
    p.phone
      ? t('activity.title.call.missedFrom', { phone: p.phone })
      : t('activity.type.call.missed'),
  'member.joined': (p, { t }) =>
    t('activity.title.member.joined', { name: p.name, role: t(`roles.${p.role}`) }),
  'member.role_changed': (p, { t }) =>
    t('activity.title.member.role_changed', {
      name: p.name,
      role: t(`roles.${p.role}`),
      previousRole: t(`roles.${p.previousRole}`),
    }),
  'member.removed': (p, { t }) => t('activity.title.member.removed', { name: p.name }),
  'member.left': (p, { t }) => t('activity.title.member.left', { name: p.name }),
  'integration.connected': (p, { t }) =>
    t('activity.title.integration.connected', { name: p.name }),
  'integration.disconnected': (p, { t }) =>
    t('activity.title.integration.disconnected', { name: p.name }),
  'integration.needs_attention': (p, { t }) =>
    t('activity.title.integration.needs_attention', {
      name: p.name,
      status: t(`integrationStatus.${p.status}`),
    }),
  'sync.succeeded': (p, { t, tp }) =>
    t('activity.title.sync.succeeded', {
      name: p.name,
      records: tp('activity.records', p.records),
    }),
  'sync.partially_failed': (p, { t, list }) =>
    t('activity.title.sync.partially_failed', {
      name: p.name,
      failed: list(p.failed.map((resource) => syncResourceName(resource, t))),
    }),
  'sync.failed': (p, { t }) => t('activity.title.sync.failed', { name: p.name }),
};

/**
 * An entry's title in the reader's language, from its type and parameters. A kind this version
 * does not know yet, or parameters it cannot read, fall back to the English title the server stored.
 */
export function activityTitle(entry: TitledEntry, words: Words): string {
  if (!isActivityType(entry.type)) return entry.title;
  const parsed = activityParams[entry.type].safeParse(entry.params);
  if (!parsed.success) return entry.title;
  return (render[entry.type] as (p: unknown, w: Words) => string)(parsed.data, words);
}
