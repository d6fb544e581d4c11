import { AppShell, Box, Burger, Container, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import { useMe } from '../auth/use-me';
import { Wordmark } from '../components/wordmark';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitcher } from './language-switcher';
import { MainNav } from './main-nav';
import { NavigationProgress } from './navigation-progress';
import { NotificationsBell } from './notifications-bell';
import { OrgSwitcher } from './org-switcher';
import { UserMenu } from './user-menu';
import { HOME_PATH } from './home-path';

/** The frame of every signed-in page (inside <RequireAuth>, so `me` is there). */
export function AppLayout() {
  const { data: me } = useMe();
  const { t } = useI18n();
  const [navOpened, nav] = useDisclosure(false);
  if (!me) return null;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <a href="#main" className="lp-skip-link">
          {t('nav.skip')}
        </a>
        <NavigationProgress />
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t('nav.close') : t('nav.open')}
            />
            <Box
              component={Link}
              to={HOME_PATH}
              visibleFrom="xs"
              style={{ textDecoration: 'none', color: 'inherit' }}
              aria-label={t('nav.home')}
            >
              <Wordmark />
            </Box>
            <Box visibleFrom="xs" h={24} w={1} bg="gray.3" mx={4} aria-hidden />
            <OrgSwitcher me={me} />
          </Group>
          <Group gap={4} wrap="nowrap">
            {me.activeOrg && <NotificationsBell />}
            <LanguageSwitcher />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <MainNav onNavigate={nav.close} />
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Container size="var(--lp-page-max-width)" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
