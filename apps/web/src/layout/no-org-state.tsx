import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconPlus } from '@tabler/icons-react';
import { useMe } from '../auth/use-me';
import { useI18n } from '../i18n/i18n-context';
import { CreateOrgModal } from './create-org-modal';
import { useSwitchOrg } from './use-switch-org';

/** Signed in without an active organisation (e.g. after leaving the last one). */
export function NoOrgState() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [createOpened, createModal] = useDisclosure(false);
  const switchOrg = useSwitchOrg();
  const orgs = me?.orgs ?? [];

  return (
    <Paper p="xl" maw={520} mx="auto" mt="xl">
      <Stack align="center" ta="center" gap="sm">
        <ThemeIcon size={52} radius="xl" variant="light" aria-hidden>
          <IconBuildingCommunity size={26} />
        </ThemeIcon>
        <Title order={1} fz="xl">
          {t('orgs.noOrg.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {orgs.length > 0 ? t('orgs.noOrg.pick') : t('orgs.noOrg.create')}
        </Text>
        {orgs.length > 0 && (
          <Group justify="center" gap="xs" mt="xs">
            {orgs.map((org) => (
              <Button
                key={org.id}
                variant="default"
                onClick={() => switchOrg.mutate({ orgId: org.id })}
                loading={switchOrg.isPending && switchOrg.variables.orgId === org.id}
              >
                {org.name}
              </Button>
            ))}
          </Group>
        )}
        <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} mt="xs">
          {t('orgs.create.menuItem')}
        </Button>
      </Stack>
      <CreateOrgModal opened={createOpened} onClose={createModal.close} />
    </Paper>
  );
}
