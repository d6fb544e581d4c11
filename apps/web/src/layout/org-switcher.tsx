import { Button, Group, Menu, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuilding, IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { InitialsAvatar } from '../components/initials-avatar';
import { RoleBadge } from '../components/role-badge';
import { useI18n } from '../i18n/i18n-context';
import type { Me } from '../trpc/app-router';
import { CreateOrgModal } from './create-org-modal';
import { useSwitchOrg } from './use-switch-org';

export function OrgSwitcher({ me }: { me: Me }) {
  const { t } = useI18n();
  const [createOpened, createModal] = useDisclosure(false);
  const switchOrg = useSwitchOrg();
  const active = me.activeOrg;

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            c="var(--mantine-color-text)"
            px="xs"
            data-testid="org-switcher"
            aria-label={t('orgs.switcher.label', { org: active?.name ?? t('orgs.none') })}
            leftSection={
              <ThemeIcon size={24} radius="xl" variant="light" aria-hidden>
                <IconBuilding size={14} />
              </ThemeIcon>
            }
            rightSection={<IconSelector size={14} aria-hidden />}
            loading={switchOrg.isPending}
            styles={{ label: { maxWidth: 180 } }}
          >
            <Text span fw={600} size="sm" truncate>
              {active?.name ?? t('orgs.none')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('orgs.switcher.heading')}</Menu.Label>
          {me.orgs.map((org) => {
            const isActive = org.id === active?.id;
            return (
              <Menu.Item
                key={org.id}
                leftSection={<InitialsAvatar name={org.name} size={22} />}
                rightSection={
                  isActive ? <IconCheck size={16} aria-label={t('orgs.switcher.current')} /> : null
                }
                onClick={() => {
                  if (!isActive) switchOrg.mutate({ orgId: org.id });
                }}
                aria-current={isActive ? 'true' : undefined}
              >
                <Group gap={8} wrap="nowrap" justify="space-between">
                  <Text size="sm" truncate>
                    {org.name}
                  </Text>
                  <RoleBadge role={org.role} />
                </Group>
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('orgs.create.menuItem')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateOrgModal opened={createOpened} onClose={createModal.close} />
    </>
  );
}
