import { Alert, Stack } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useActiveOrg } from '../../auth/use-active-org';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { useTRPC } from '../../trpc/trpc';
import { ConnectAvailabilityAlert } from './connect-availability-alert';
import { ConnectKommoButtons } from './connect-kommo-buttons';
import { IntegrationListSkeleton } from './integration-list-skeleton';
import { IntegrationRow } from './integration-row';
import { IntegrationsEmptyState } from './integrations-empty-state';

export function IntegrationsListPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  // Connecting and disconnecting are for owners and admins (the server checks it too).
  const { isAdmin } = useActiveOrg();
  usePageTitle(t('nav.integrations'));

  const integrations = useQuery(
    trpc.integrations.list.queryOptions(undefined, { meta: { inlineErrors: true } }),
  );
  const options = useQuery(
    trpc.integrations.options.queryOptions(undefined, {
      meta: { inlineErrors: true },
      enabled: isAdmin,
    }),
  );
  const items = integrations.data ?? [];

  return (
    <>
      <PageHeader
        title={t('nav.integrations')}
        description={t('integrations.description')}
        // With nothing connected the empty state carries the buttons (one of each on screen).
        actions={
          isAdmin &&
          items.length > 0 &&
          !options.isError && <ConnectKommoButtons options={options.data} />
        }
      />

      <Stack gap="md">
        {!isAdmin && (
          <Alert icon={<IconEye size={18} />} color="blue" variant="light">
            {t('integrations.readOnlyNotice')}
          </Alert>
        )}
        {isAdmin && <ConnectAvailabilityAlert options={options} />}

        {integrations.isPending ? (
          <IntegrationListSkeleton />
        ) : integrations.isError && !integrations.data ? (
          <ErrorState
            error={integrations.error}
            onRetry={() => void integrations.refetch()}
            retrying={integrations.isFetching}
          />
        ) : items.length === 0 ? (
          <IntegrationsEmptyState
            canConnect={isAdmin}
            options={options.data}
            optionsFailed={options.isError}
          />
        ) : (
          <Stack gap="sm" component="ul" aria-label={t('integrations.listLabel')} p={0} m={0}>
            {items.map((integration) => (
              <li key={integration.id} style={{ listStyle: 'none' }}>
                <IntegrationRow integration={integration} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}
