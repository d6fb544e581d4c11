/** What a feed entry is about, as the API returns it. */
export interface LinkedEntry {
  type: string;
  subject: { type: string; id: string } | null;
  integrationId: string | null;
}

/** Where clicking an entry goes: the agent, the integration (and its sync history), the lead. */
export function activityLink(entry: LinkedEntry): string | null {
  const subject = entry.subject;
  if (!subject) return null;
  switch (subject.type) {
    case 'agent':
      return entry.type === 'agent.deleted' ? null : `/agents/${subject.id}`;
    case 'integration':
      return `/integrations/${subject.id}`;
    case 'sync_run':
      return entry.integrationId ? `/integrations/${entry.integrationId}` : null;
    case 'lead':
      return entry.integrationId
        ? `/integrations/${entry.integrationId}/data?tab=leads&lead=${encodeURIComponent(subject.id)}`
        : null;
    case 'member':
      return '/settings/organization';
    default:
      return null;
  }
}
