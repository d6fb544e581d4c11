import { Outlet, ScrollRestoration } from 'react-router';
import { GlobalErrorHandler } from '../trpc/global-error-handler';

export function RootLayout() {
  return (
    <>
      <GlobalErrorHandler />
      <ScrollRestoration />
      <Outlet />
    </>
  );
}
