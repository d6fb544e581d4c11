import { Badge, Group, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBolt,
  IconMessage,
  IconPhoneOff,
  IconPlugConnected,
  IconRobot,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n-context';
import type { ActivityEntry } from '../../trpc/app-router';
import { kindColors, kindOf, type ActivityKind } from './activity-kinds';
import { activityLink } from './activity-link';
import { activityTitle } from './activity-title';

const kindIcons: Record<ActivityKind, Icon> = {
  replies: IconMessage,
  crm: IconBolt,
  calls: IconPhoneOff,
  errors: IconAlertTriangle,
  agents: IconRobot,
  team: IconUsers,
  kommo: IconPlugConnected,
};

/** One feed entry: what happened (in the reader's language), who, when; opens what it is about. */
export function ActivityRow({ entry, isNew }: { entry: ActivityEntry; isNew?: boolean }) {
  const { t, tp, format } = useI18n();
  const title = activityTitle(entry, { t, tp, list: (items) => items.join(', ') });
  const kind = kindOf(entry.type);
  const RowIcon = kindIcons[kind];
  const to = activityLink(entry);
  const rowProps = {
    p: 'sm',
    'data-testid': 'activity-row',
    'data-type': entry.type,
    'data-new': isNew ? 'true' : undefined,
    style: { textDecoration: 'none', color: 'inherit', display: 'block' },
  } as const;

  const content = (
    <Group align="flex-start" wrap="nowrap" gap="sm">
      <ThemeIcon size={32} radius="md" variant="light" color={kindColors[kind]} aria-hidden>
        <RowIcon size={18} stroke={1.7} />
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text fw={500} size="sm" data-testid="activity-title">
          {title}
        </Text>
        {entry.description && (
          <Text size="xs" c="dimmed" className="lp-line-clamp-2">
            {entry.description}
          </Text>
        )}
        <Group gap={6} wrap="wrap">
          <Tooltip label={format.dateTime(entry.createdAt)} openDelay={400}>
            <Text size="xs" c="dimmed" component="time" dateTime={entry.createdAt.toISOString()}>
              {format.relative(entry.createdAt)}
            </Text>
          </Tooltip>
          {entry.user && (
            <Text size="xs" c="dimmed">
              · {entry.user.name}
            </Text>
          )}
          {entry.integrationName && kind !== 'kommo' && (
            <Badge variant="light" color="gray" size="xs" tt="none" fw={500}>
              {entry.integrationName}
            </Badge>
          )}
        </Group>
      </Stack>
    </Group>
  );
  return to ? (
    <Paper component={Link} to={to} className="lp-clickable-row" {...rowProps}>
      {content}
    </Paper>
  ) : (
    <Paper {...rowProps}>{content}</Paper>
  );
}
