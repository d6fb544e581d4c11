import { Stack } from '@mantine/core';
import { useActiveOrg } from '../../auth/use-active-org';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { InvitationsCard } from './invitations-card';
import { LeaveOrgCard } from './leave-org-card';
import { MembersCard } from './members-card';
import { OrgNameCard } from './org-name-card';

export function OrganizationSettingsPage() {
  const { t } = useI18n();
  const access = useActiveOrg();
  usePageTitle(t('nav.organization'));
  return (
    <>
      <PageHeader
        title={t('orgSettings.title')}
        description={t('orgSettings.description', { org: access.org.name })}
      />
      <Stack gap="lg">
        <OrgNameCard access={access} />
        <MembersCard access={access} />
        {access.isAdmin && <InvitationsCard access={access} />}
        <LeaveOrgCard org={access.org} />
      </Stack>
    </>
  );
}
