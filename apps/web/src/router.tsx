import { createBrowserRouter, Navigate } from 'react-router';
import { GuestOnly } from './auth/guest-only';
import { RequireAuth } from './auth/require-auth';
import { RequireOrg } from './auth/require-org';
import { FullPageLoader } from './components/full-page-loader';
import { HOME_PATH } from './layout/home-path';
import { AppLayout } from './layout/app-layout';
import { AuthLayout } from './layout/auth-layout';
import { RootLayout } from './layout/root-layout';
import { NotFoundPage } from './pages/not-found-page';

// Pages load on demand; the shell, guards and layouts are in the first bundle.
export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      {
        element: <AuthLayout />,
        children: [
          {
            element: <GuestOnly />,
            children: [
              {
                path: 'sign-in',
                lazy: () =>
                  import('./pages/auth/sign-in-page').then((m) => ({ Component: m.SignInPage })),
              },
              {
                path: 'sign-up',
                lazy: () =>
                  import('./pages/auth/sign-up-page').then((m) => ({ Component: m.SignUpPage })),
              },
            ],
          },
          {
            path: 'invite/:token',
            lazy: () =>
              import('./pages/auth/invite-page').then((m) => ({ Component: m.InvitePage })),
          },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [
              {
                element: <RequireOrg />,
                children: [
                  {
                    path: 'dashboard',
                    lazy: () =>
                      import('./pages/dashboard/dashboard-page').then((m) => ({
                        Component: m.DashboardPage,
                      })),
                  },
                  {
                    path: 'agents',
                    lazy: () =>
                      import('./pages/agents/agents-list-page').then((m) => ({
                        Component: m.AgentsListPage,
                      })),
                  },
                  {
                    path: 'agents/new',
                    lazy: () =>
                      import('./pages/agents/agent-edit-page').then((m) => ({
                        Component: m.NewAgentPage,
                      })),
                  },
                  {
                    path: 'agents/:id',
                    lazy: () =>
                      import('./pages/agents/agent-edit-page').then((m) => ({
                        Component: m.EditAgentPage,
                      })),
                  },
                  {
                    path: 'integrations',
                    lazy: () =>
                      import('./pages/integrations/integrations-list-page').then((m) => ({
                        Component: m.IntegrationsListPage,
                      })),
                  },
                  {
                    path: 'integrations/:id',
                    lazy: () =>
                      import('./pages/integrations/integration-detail-page').then((m) => ({
                        Component: m.IntegrationDetailPage,
                      })),
                  },
                  {
                    path: 'integrations/:id/data',
                    lazy: () =>
                      import('./pages/kommo-data/kommo-data-page').then((m) => ({
                        Component: m.KommoDataPage,
                      })),
                  },
                  {
                    path: 'integrations/:id/webhooks',
                    lazy: () =>
                      import('./pages/webhooks/webhook-log-page').then((m) => ({
                        Component: m.WebhookLogPage,
                      })),
                  },
                  {
                    path: 'settings/organization',
                    lazy: () =>
                      import('./pages/settings/organization-settings-page').then((m) => ({
                        Component: m.OrganizationSettingsPage,
                      })),
                  },
                ],
              },
              {
                path: 'settings/profile',
                lazy: () =>
                  import('./pages/settings/profile-settings-page').then((m) => ({
                    Component: m.ProfileSettingsPage,
                  })),
              },
            ],
          },
        ],
      },
      { index: true, element: <Navigate to={HOME_PATH} replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
