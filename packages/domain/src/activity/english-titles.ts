import type { ActivityParams, ActivityType } from '@leadpilot/schemas/activity';

const list = (items: readonly string[]) => items.join(', ');
const generic = (label: string) => (p: Record<string, unknown>) => {
  const what = ['name', 'agentName', 'leadName', 'text'].map((k) => p[k]).find(Boolean);
  return typeof what === 'string' ? `${label}: ${what}` : label;
};

/**
 * The English title stored with each entry: what search matches (names included) and what a client
 * that does not know a newer kind shows. The web app renders titles itself in the reader's language.
 */
export const englishTitles: { [T in ActivityType]: (p: ActivityParams<T>) => string } = {
  'agent.created': (p) => `Agent "${p.name}" created`,
  'agent.updated': (p) =>
    p.changes.length
      ? `Agent "${p.name}" updated: ${list(p.changes)}`
      : `Agent "${p.name}" updated`,
  'agent.deleted': (p) => `Agent "${p.name}" deleted`,
  'agent.replied': generic('Agent replied'),
  'agent.error': generic('Agent error'),
  'action.executed': generic('Action executed'),
  'action.undone': generic('Action undone'),
  'lead.stage_changed': (p) =>
    `Deal "${p.leadName}" moved to ${p.stage}${p.by ? ` by ${p.by}` : ''}`,
  'task.assigned': (p) => `Task for ${p.assignee ?? 'nobody'}: ${p.text}`,
  'call.missed': (p) =>
    `Missed call${p.phone ? ` from ${p.phone}` : ''}${p.leadName ? ` (${p.leadName})` : ''}`,
  'member.joined': (p) => `${p.name} joined as ${p.role}`,
  'member.role_changed': (p) => `${p.name} is now ${p.role} (was ${p.previousRole})`,
  'member.removed': (p) => `${p.name} was removed from the organisation`,
  'member.left': (p) => `${p.name} left the organisation`,
  'integration.connected': (p) => `Kommo account ${p.name} connected`,
  'integration.disconnected': (p) => `Kommo account ${p.name} disconnected`,
  'integration.needs_attention': (p) =>
    `Kommo account ${p.name} needs attention: ${
      {
        needs_reauth: 'reconnect it',
        blocked: 'access blocked',
        payment_required: 'payment required',
      }[p.status]
    }`,
  'sync.succeeded': (p) => `Sync of ${p.name} finished: ${p.records} records`,
  'sync.partially_failed': (p) => `Sync of ${p.name} partly failed: ${list(p.failed)}`,
  'sync.failed': (p) => `Sync of ${p.name} failed`,
};
