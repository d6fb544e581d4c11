import { SegmentedControl, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoFieldEntity } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { FieldRow } from './field-row';
import { MirrorQueryState } from './mirror-query-state';
import type { MirrorTabProps } from './mirror-tab-props';

const entities: readonly KommoFieldEntity[] = ['leads', 'contacts', 'companies'];

function isEntity(value: string | null): value is KommoFieldEntity {
  return entities.includes(value as KommoFieldEntity);
}

/** Custom fields of leads, contacts or companies (`?entity=` keeps the choice in the URL). */
export function FieldsTab({ integrationId, neverSynced }: MirrorTabProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const param = searchParams.get('entity');
  const entity: KommoFieldEntity = isEntity(param) ? param : 'leads';
  const fields = useQuery(
    trpc.kommo.fields.queryOptions({ integrationId, entity }, { meta: { inlineErrors: true } }),
  );

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label={t('kommoData.entityLabel')}
        value={entity}
        onChange={(value) =>
          setSearchParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set('entity', value);
              return next;
            },
            { replace: true },
          )
        }
        data={entities.map((value) => ({ value, label: t(`kommoData.entity.${value}`) }))}
        w={{ base: '100%', xs: 'fit-content' }}
      />
      <MirrorQueryState
        query={fields}
        integrationId={integrationId}
        neverSynced={neverSynced}
        emptyMessage={t('kommoData.emptyFields')}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={t('kommoData.fieldsLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('kommoData.col.name')}</Table.Th>
                  <Table.Th>{t('kommoData.col.code')}</Table.Th>
                  <Table.Th>{t('kommoData.col.type')}</Table.Th>
                  <Table.Th>{t('kommoData.col.required')}</Table.Th>
                  <Table.Th>{t('kommoData.col.options')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((field) => (
                  <FieldRow key={field.kommoId} field={field} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </MirrorQueryState>
    </Stack>
  );
}
