import { activityTypes, errorActivityTypes, type ActivityType } from '@leadpilot/schemas/activity';

/** Kinds group types for the chart's colours and the rows' icons. */
export const activityKinds = [
  'replies',
  'crm',
  'calls',
  'errors',
  'agents',
  'team',
  'kommo',
] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const kindColors: Record<ActivityKind, string> = {
  replies: 'brand',
  crm: 'teal',
  calls: 'orange',
  errors: 'red',
  agents: 'violet',
  team: 'cyan',
  kommo: 'gray',
};

export function isActivityType(type: string): type is ActivityType {
  return (activityTypes as readonly string[]).includes(type);
}

export function kindOf(type: string): ActivityKind {
  if ((errorActivityTypes as readonly string[]).includes(type)) return 'errors';
  if (type === 'agent.replied') return 'replies';
  if (type === 'call.missed') return 'calls';
  if (type.startsWith('action.') || type === 'lead.stage_changed' || type === 'task.assigned')
    return 'crm';
  if (type.startsWith('agent.')) return 'agents';
  if (type.startsWith('member.')) return 'team';
  return 'kommo';
}
