import { Anchor, Breadcrumbs, Skeleton, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n-context';

interface KommoDataBreadcrumbsProps {
  integrationId: string;
  /** The integration's name; undefined while loading, null when it could not be loaded. */
  name: string | null | undefined;
  /** This page's name (default: Kommo data). */
  current?: string;
}

/** Integrations › the account › this page: the way back without the side navigation. */
export function KommoDataBreadcrumbs({ integrationId, name, current }: KommoDataBreadcrumbsProps) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('kommoData.breadcrumbs')}>
      <Breadcrumbs
        separatorMargin={6}
        styles={{ separator: { color: 'var(--mantine-color-dimmed)' } }}
      >
        <Anchor component={Link} to="/integrations" size="sm" c="dimmed">
          {t('nav.integrations')}
        </Anchor>
        {name === undefined ? (
          <Skeleton h={12} w={100} />
        ) : (
          name !== null && (
            <Anchor component={Link} to={`/integrations/${integrationId}`} size="sm" c="dimmed">
              {name}
            </Anchor>
          )
        )}
        <Text size="sm" aria-current="page">
          {current ?? t('kommoData.title')}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
