import { NavLink, Stack } from '@mantine/core';
import {
  IconBuilding,
  IconLayoutDashboard,
  IconPlugConnected,
  IconRobot,
  IconUserCircle,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n-context';
import type { PlainMessageKey } from '../i18n/translate';

const items: { to: string; label: PlainMessageKey; icon: typeof IconRobot }[] = [
  { to: '/dashboard', label: 'nav.dashboard', icon: IconLayoutDashboard },
  { to: '/agents', label: 'nav.agents', icon: IconRobot },
  { to: '/integrations', label: 'nav.integrations', icon: IconPlugConnected },
  { to: '/settings/organization', label: 'nav.organization', icon: IconBuilding },
  { to: '/settings/profile', label: 'nav.profile', icon: IconUserCircle },
];

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <Stack gap={2} component="nav">
      {items.map(({ to, label, icon: Icon }) => {
        const active = pathname === to || pathname.startsWith(`${to}/`);
        return (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={t(label)}
            leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            fw={500}
          />
        );
      })}
    </Stack>
  );
}
