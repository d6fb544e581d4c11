import { Badge } from '@mantine/core';
import { IconInbox, IconTrophy, IconX } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoStage } from '../../trpc/app-router';
import { stageColor } from './stage-color';

/** Kommo's fixed stage ids: closed as won and closed as lost, in every pipeline. */
const WON = 142;
const LOST = 143;
/** `type` 1: the "incoming leads" stage. */
const INCOMING = 1;

/** A stage in its Kommo colour; the incoming, won and lost stages say so. */
export function StageChip({ stage }: { stage: KommoStage }) {
  const { t } = useI18n();
  const [kind, Icon] =
    stage.kommoId === WON
      ? [t('kommoData.stageWon'), IconTrophy]
      : stage.kommoId === LOST
        ? [t('kommoData.stageLost'), IconX]
        : stage.type === INCOMING
          ? [t('kommoData.stageIncoming'), IconInbox]
          : [null, null];
  return (
    <Badge
      data-testid="stage-chip"
      size="lg"
      radius="sm"
      tt="none"
      fw={500}
      variant="filled"
      color={stageColor(stage.color)}
      autoContrast
      leftSection={Icon ? <Icon size={14} aria-hidden /> : undefined}
      styles={{ root: { border: '1px solid rgba(0, 0, 0, 0.08)', maxWidth: '100%' } }}
    >
      {kind ? t('kommoData.stageWithKind', { stage: stage.name, kind }) : stage.name}
    </Badge>
  );
}
