import { Navigate, Outlet, useSearchParams } from 'react-router';
import { FullPageLoader } from '../components/full-page-loader';
import { safeNextPath } from './safe-next-path';
import { useMe } from './use-me';
import { HOME_PATH } from '../layout/home-path';

/** Sign-in and sign-up: once signed in (also right after doing it), continue to `?next=` or the agents. */
export function GuestOnly() {
  const me = useMe();
  const [searchParams] = useSearchParams();
  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={safeNextPath(searchParams.get('next')) ?? HOME_PATH} replace />;
  return <Outlet />;
}
