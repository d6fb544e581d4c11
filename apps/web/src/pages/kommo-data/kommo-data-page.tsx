import { Alert, Loader, Paper, Tabs, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconListDetails,
  IconRoute,
  IconUsers,
  IconWorldShare,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { apiErrorCode } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';
import { integrationName } from '../integrations/integration-name';
import { useSyncStatus } from '../integrations/use-sync-status';
import { FieldsTab } from './fields-tab';
import { KommoDataBreadcrumbs } from './kommo-data-breadcrumbs';
import { LeadsTab } from './leads-tab';
import { PipelinesTab } from './pipelines-tab';
import { SourcesTab } from './sources-tab';
import { UsersTab } from './users-tab';

const tabs = [
  { value: 'pipelines', icon: IconRoute, Panel: PipelinesTab },
  { value: 'fields', icon: IconListDetails, Panel: FieldsTab },
  { value: 'sources', icon: IconWorldShare, Panel: SourcesTab },
  { value: 'users', icon: IconUsers, Panel: UsersTab },
  { value: 'leads', icon: IconAddressBook, Panel: LeadsTab },
] as const;
type TabValue = (typeof tabs)[number]['value'];

function isTab(value: string | null): value is TabValue {
  return tabs.some((tab) => tab.value === value);
}

export function KommoDataPage() {
  const { id = '' } = useParams();
  return <KommoData key={id} id={id} />;
}

/** The synced mirror of a Kommo account, read-only, one tab per kind (`?tab=` in the URL). */
function KommoData({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const param = searchParams.get('tab');
  const tab: TabValue = isTab(param) ? param : 'pipelines';
  const integration = useQuery(
    trpc.integrations.get.queryOptions({ id }, { meta: { inlineErrors: true } }),
  );
  // Polls while a run is active and refreshes the tabs' data when it ends.
  const sync = useSyncStatus(id, { enabled: integration.isSuccess });
  const name = integration.data ? integrationName(integration.data) : undefined;
  usePageTitle(name ? `${t('kommoData.title')} · ${name}` : t('kommoData.title'));

  const breadcrumbs = (
    <KommoDataBreadcrumbs
      integrationId={id}
      name={integration.isPending ? undefined : (name ?? null)}
    />
  );
  if (integration.isError && !integration.data) {
    const missing = ['NOT_FOUND', 'BAD_REQUEST'].includes(apiErrorCode(integration.error) ?? '');
    return (
      <>
        <PageHeader
          above={breadcrumbs}
          title={missing ? t('integrations.notFoundTitle') : t('kommoData.title')}
        />
        {missing ? (
          <Paper p="xl">
            <Text c="dimmed">{t('integrations.notFoundMessage')}</Text>
          </Paper>
        ) : (
          <ErrorState
            error={integration.error}
            onRetry={() => void integration.refetch()}
            retrying={integration.isFetching}
          />
        )}
      </>
    );
  }

  // Until the status is known, empty lists say "nothing here" rather than guess "not synced".
  const neverSynced = sync.data ? sync.data.lastSyncedAt === null : false;

  return (
    <>
      <PageHeader
        above={breadcrumbs}
        title={t('kommoData.title')}
        description={name ? t('kommoData.description', { account: name }) : undefined}
      />
      {sync.data?.active && (
        <Alert color="blue" variant="light" icon={<Loader size={16} />} mb="md" role="status">
          {t('kommoData.syncing')}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) =>
          setSearchParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set('tab', value ?? 'pipelines');
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List aria-label={t('kommoData.tabsLabel')} mb="md">
          {tabs.map(({ value, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />}>
              {t(`kommoData.tab.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value}>
            <Panel integrationId={id} neverSynced={neverSynced} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
