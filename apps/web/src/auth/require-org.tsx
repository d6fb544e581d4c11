import { Outlet } from 'react-router';
import { NoOrgState } from '../layout/no-org-state';
import { useMe } from './use-me';

/** Organisation pages: without an active organisation (left the last one), offer to pick or create one. */
export function RequireOrg() {
  const { data: me } = useMe();
  if (!me?.activeOrg) return <NoOrgState />;
  return <Outlet />;
}
