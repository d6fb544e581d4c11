import { Group, Paper, Stack, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface ClickableRowProps {
  to: string;
  testId: string;
  icon: Icon;
  /** Brand-coloured icon when the thing is live (an active agent, a connected integration). */
  live: boolean;
  /** The row's lines: name and badges, details. */
  children: ReactNode;
}

/** A list row that links to the item's page: an icon beside the item's lines. */
export function ClickableRow({ to, testId, icon: RowIcon, live, children }: ClickableRowProps) {
  return (
    <Paper
      component={Link}
      to={to}
      p="md"
      className="lp-clickable-row"
      data-testid={testId}
      style={{ textDecoration: 'none', color: 'inherit' }}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon
          size={40}
          radius="md"
          variant="light"
          color={live ? 'brand' : 'gray'}
          aria-hidden
        >
          <RowIcon size={22} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}
