import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconFlask, IconPlugConnected } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { IntegrationKind, IntegrationOptions } from '../../trpc/app-router';
import { ConnectWithTokenButton } from './connect-with-token-button';
import { useConnectKommo } from './use-connect-kommo';

interface ConnectKommoButtonsProps {
  /** Undefined while loading */
  options: IntegrationOptions | undefined;
  /** Each button in a card with what it does (the empty state); otherwise a plain button row. */
  withHints?: boolean;
}

/**
 * "Connect Kommo" (a real Kommo app is configured) and "Connect demo Kommo account" (emulator),
 * then the secondary "Use a long-lived token" (either kind issues such tokens).
 */
export function ConnectKommoButtons({ options, withHints = false }: ConnectKommoButtonsProps) {
  const { t } = useI18n();
  const { connect, busy, busyKind } = useConnectKommo();

  if (!options) {
    return (
      <Group gap="sm" aria-busy="true">
        <Skeleton h={36} w={160} />
      </Group>
    );
  }

  const choices: { kind: IntegrationKind; label: string; hint: string; primary: boolean }[] = [];
  if (options.real) {
    choices.push({
      kind: 'kommo',
      label: t('integrations.connectKommo'),
      hint: t('integrations.connectKommoHint'),
      primary: true,
    });
  }
  if (options.demo) {
    choices.push({
      kind: 'kommo_demo',
      label: t('integrations.connectDemo'),
      hint: t('integrations.connectDemoHint'),
      primary: !options.real,
    });
  }
  if (choices.length === 0) return null;

  const button = (choice: (typeof choices)[number]) => (
    <Button
      key={choice.kind}
      variant={choice.primary ? 'filled' : 'default'}
      leftSection={
        choice.kind === 'kommo' ? <IconPlugConnected size={16} /> : <IconFlask size={16} />
      }
      loading={busyKind === choice.kind}
      disabled={busy && busyKind !== choice.kind}
      onClick={() => connect(choice.kind)}
    >
      {choice.label}
    </Button>
  );

  const tokenButton = <ConnectWithTokenButton options={options} disabled={busy} />;

  if (!withHints) {
    return (
      <Group gap="sm">
        {choices.map(button)}
        {tokenButton}
      </Group>
    );
  }
  return (
    <Stack gap="sm" align="center" w="100%">
      <SimpleGrid cols={{ base: 1, sm: choices.length }} spacing="md" w="100%" maw={680}>
        {choices.map((choice) => (
          <Paper key={choice.kind} p="md" withBorder ta="left">
            <Stack gap="sm" align="flex-start" h="100%" justify="space-between">
              <Text size="sm" c="dimmed">
                {choice.hint}
              </Text>
              {button(choice)}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      {tokenButton}
    </Stack>
  );
}
