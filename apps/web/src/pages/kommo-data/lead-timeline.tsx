import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  IconArrowRight,
  IconChecklist,
  IconMessage,
  IconNote,
  IconPhoneIncoming,
  IconPhoneOff,
  IconPhoneOutgoing,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/error-state';
import { useI18n } from '../../i18n/i18n-context';
import type { TimelineItem } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';

/** Webhooks land within a second; the open timeline follows them by polling its first page. */
const LIVE_MS = 3000;

const duration = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The lead's conversation: messages, calls, notes, stage changes and tasks, newest first. */
export function LeadTimeline({ integrationId, leadId }: { integrationId: string; leadId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const timeline = useInfiniteQuery(
    trpc.kommo.timeline.infiniteQueryOptions(
      { integrationId, leadId, limit: 30 },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        refetchInterval: LIVE_MS,
        meta: { inlineErrors: true },
      },
    ),
  );
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby="lead-timeline-title">
      <Title order={3} fz="md" id="lead-timeline-title">
        {t('timeline.title')}
      </Title>
      {timeline.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton h={48} />
          <Skeleton h={48} />
        </Stack>
      ) : timeline.isError && !timeline.data ? (
        <ErrorState
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
          retrying={timeline.isFetching}
        />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('timeline.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" p={0} m={0}>
          {items.map((item) => (
            <TimelineEntry key={`${item.kind}:${item.id}`} item={item} />
          ))}
        </Stack>
      )}
      {timeline.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => void timeline.fetchNextPage()}
          loading={timeline.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t, format } = useI18n();
  let icon: ReactNode;
  let body: ReactNode;
  switch (item.kind) {
    case 'message':
      icon = <IconMessage size={18} aria-hidden />;
      body = (
        <>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              {item.direction === 'in'
                ? (item.author ?? t('timeline.customer'))
                : t('timeline.team')}
            </Text>
            {item.origin && (
              <Badge size="xs" variant="light">
                {item.origin}
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {item.text}
          </Text>
          {item.attachments.map((a, i) =>
            a.link ? (
              <Anchor key={i} size="xs" href={a.link} target="_blank" rel="noreferrer noopener">
                {a.fileName ?? a.type ?? t('timeline.attachment')}
              </Anchor>
            ) : null,
          )}
        </>
      );
      break;
    case 'call':
      icon = item.missed ? (
        <IconPhoneOff size={18} color="var(--mantine-color-red-6)" aria-hidden />
      ) : item.direction === 'in' ? (
        <IconPhoneIncoming size={18} aria-hidden />
      ) : (
        <IconPhoneOutgoing size={18} aria-hidden />
      );
      body = (
        <>
          <Text size="sm" fw={500}>
            {item.missed
              ? t('timeline.missedCall')
              : item.direction === 'in'
                ? t('timeline.inboundCall')
                : t('timeline.outboundCall')}
            {item.phone ? ` · ${item.phone}` : ''}
            {!item.missed ? ` · ${duration(item.durationSeconds)}` : ''}
          </Text>
          {item.missed && item.callbackTaskKommoId !== null && (
            <Text size="xs" c="dimmed">
              {t('timeline.callbackTaskCreated')}
            </Text>
          )}
          {item.recordingUrl && (
            <Anchor size="xs" href={item.recordingUrl} target="_blank" rel="noreferrer noopener">
              {t('timeline.recording')}
            </Anchor>
          )}
        </>
      );
      break;
    case 'note':
      icon = <IconNote size={18} aria-hidden />;
      body = (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {item.text || t('timeline.emptyNote')}
        </Text>
      );
      break;
    case 'stage_change':
      icon = <IconArrowRight size={18} aria-hidden />;
      body = (
        <Text size="sm">
          {t('timeline.movedTo', {
            stage: item.toStage ?? t('timeline.unknownStage'),
            from: item.fromStage ?? t('timeline.unknownStage'),
          })}
          {item.by ? ` · ${item.by}` : ''}
        </Text>
      );
      break;
    case 'task':
      icon = <IconChecklist size={18} aria-hidden />;
      body = (
        <>
          <Text
            size="sm"
            td={item.isCompleted ? 'line-through' : undefined}
            style={{ overflowWrap: 'anywhere' }}
          >
            {item.text}
          </Text>
          <Text size="xs" c="dimmed">
            {[
              item.responsible,
              item.completeTill && t('timeline.due', { when: format.dateTime(item.completeTill) }),
              item.result && t('timeline.result', { text: item.result }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </>
      );
      break;
  }
  return (
    <Paper
      component="li"
      p="sm"
      withBorder
      style={{ listStyle: 'none' }}
      data-testid="timeline-item"
      data-kind={item.kind}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {icon}
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          {body}
        </Stack>
        <Text
          size="xs"
          c="dimmed"
          style={{ whiteSpace: 'nowrap' }}
          title={format.dateTime(item.at)}
        >
          {format.relative(item.at)}
        </Text>
      </Group>
    </Paper>
  );
}
