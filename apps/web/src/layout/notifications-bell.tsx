import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../components/error-state';
import { useI18n } from '../i18n/i18n-context';
import type { AppNotification } from '../trpc/app-router';
import { useTRPC } from '../trpc/trpc';

const POLL_MS = 10_000;

/** The header's bell: unread count, the latest notifications, mark as read, open the subject. */
export function NotificationsBell() {
  const { t, tp } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, {
      refetchInterval: POLL_MS,
      meta: { inlineErrors: true },
    }),
  );
  const list = useQuery(
    trpc.notifications.list.queryOptions(
      { limit: 20 },
      { enabled: opened, refetchInterval: opened ? POLL_MS : false, meta: { inlineErrors: true } },
    ),
  );
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.notifications.unreadCount.queryFilter()),
      queryClient.invalidateQueries(trpc.notifications.list.queryFilter()),
    ]);
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const count = unread.data ?? 0;

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    setOpened(false);
    if (n.integrationId && n.subjectType === 'lead' && n.subjectId)
      void navigate(`/integrations/${n.integrationId}/data?tab=leads&lead=${n.subjectId}`);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md">
      <Popover.Target>
        <Indicator
          disabled={count === 0}
          label={count > 99 ? '99+' : count}
          size={16}
          offset={4}
          color="red"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={count ? tp('notifications.unreadLabel', count) : t('notifications.label')}
            data-testid="notifications-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="md" py="xs">
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            disabled={count === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate({})}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {list.isPending ? (
            <Text size="sm" c="dimmed" px="md" pb="md">
              {t('notifications.loading')}
            </Text>
          ) : list.isError ? (
            <Stack p="md">
              <ErrorState
                error={list.error}
                onRetry={() => void list.refetch()}
                retrying={list.isFetching}
              />
            </Stack>
          ) : list.data.items.length === 0 ? (
            <Text size="sm" c="dimmed" px="md" pb="md">
              {t('notifications.empty')}
            </Text>
          ) : (
            <Stack gap={0} component="ul" p={0} m={0}>
              {list.data.items.map((n) => (
                <li key={n.id} style={{ listStyle: 'none' }}>
                  <UnstyledButton
                    w="100%"
                    px="md"
                    py="xs"
                    onClick={() => open(n)}
                    data-testid="notification-item"
                    style={{
                      background: n.readAt ? undefined : 'var(--mantine-color-blue-light)',
                    }}
                  >
                    <Text size="sm" fw={n.readAt ? 400 : 600}>
                      {notificationTitle(n, t)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <NotificationTime at={n.createdAt} />
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationTime({ at }: { at: Date }) {
  const { format } = useI18n();
  return <span title={format.dateTime(at)}>{format.relative(at)}</span>;
}

function notificationTitle(n: AppNotification, t: ReturnType<typeof useI18n>['t']): string {
  const params = (n.params ?? {}) as Record<string, unknown>;
  if (n.kind === 'task.assigned')
    return t('notifications.taskAssigned', {
      text: typeof params.text === 'string' ? params.text : '',
    });
  return t('notifications.generic');
}
