import type { ActiveOrg, Me } from '../trpc/app-router';
import { useMe } from './use-me';

export interface ActiveOrgAccess {
  me: Me;
  org: ActiveOrg;
  /** owner or admin: manages members, invitations, the organisation name */
  isAdmin: boolean;
  isOwner: boolean;
  /** members only view agents */
  canEditAgents: boolean;
}

/** For pages inside <RequireOrg>, which guarantees a signed-in user with an active organisation. */
export function useActiveOrg(): ActiveOrgAccess {
  const { data: me } = useMe();
  if (!me?.activeOrg) throw new Error('useActiveOrg() is only for pages inside <RequireOrg>');
  const { role } = me.activeOrg;
  return {
    me,
    org: me.activeOrg,
    isAdmin: role === 'owner' || role === 'admin',
    isOwner: role === 'owner',
    canEditAgents: role !== 'member',
  };
}
