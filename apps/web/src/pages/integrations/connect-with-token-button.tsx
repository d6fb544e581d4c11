import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { IntegrationOptions } from '../../trpc/app-router';
import { ConnectWithTokenModal } from './connect-with-token-modal';

interface ConnectWithTokenButtonProps {
  options: IntegrationOptions;
  /** Another way of connecting is under way (the page is about to leave for Kommo). */
  disabled?: boolean;
}

/** The secondary way to connect: a private integration's long-lived token, in a modal. */
export function ConnectWithTokenButton({ options, disabled = false }: ConnectWithTokenButtonProps) {
  const { t } = useI18n();
  const [opened, modal] = useDisclosure(false);
  if (!options.real && !options.demo) return null;
  return (
    <>
      <Button
        variant="subtle"
        leftSection={<IconKey size={16} />}
        onClick={modal.open}
        disabled={disabled}
        aria-haspopup="dialog"
      >
        {t('integrations.useToken')}
      </Button>
      <ConnectWithTokenModal opened={opened} onClose={modal.close} options={options} />
    </>
  );
}
