import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageLoader } from '../components/full-page-loader';
import { FullPageError } from '../components/full-page-error';
import { withNext } from './safe-next-path';
import { useMe } from './use-me';

/** Signed-in pages: signed out, go to sign-in and come back here afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError && !me.data)
    return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data)
    return <Navigate to={withNext('/sign-in', location.pathname + location.search)} replace />;
  return <Outlet />;
}
