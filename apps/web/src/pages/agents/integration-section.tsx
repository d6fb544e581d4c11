import { Anchor, NativeSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import type { Agent, Integration } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { integrationName } from '../integrations/integration-name';
import type { AgentFormState } from './agent-form-state';

const NONE = '';

interface IntegrationSectionProps {
  form: AgentFormState;
  readOnly: boolean;
  /** The saved integration, shown even if the list cannot load */
  savedIntegration: Agent['integration'];
}

/** Which Kommo account the agent works in ("Not linked" by default). */
export function IntegrationSection({ form, readOnly, savedIntegration }: IntegrationSectionProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const integrations = useQuery(
    trpc.integrations.list.queryOptions(undefined, { meta: { inlineErrors: true } }),
  );

  // Not connected ones say so: an agent linked there cannot reply.
  const label = (i: Pick<Integration, 'accountName' | 'host' | 'status'>) =>
    i.status === 'connected'
      ? integrationName(i)
      : t('agentForm.integrationOption', {
          name: integrationName(i),
          status: t(`integrationStatus.${i.status}`),
        });
  const options = [{ value: NONE, label: t('agentForm.notLinked') }];
  for (const integration of integrations.data ?? []) {
    options.push({ value: integration.id, label: label(integration) });
  }
  const selected = form.values.integrationId;
  if (selected && !options.some((o) => o.value === selected)) {
    // The saved integration missing from the list (the list failed): keep the choice visible.
    options.push({
      value: selected,
      label:
        savedIntegration?.id === selected
          ? label(savedIntegration)
          : t('agentForm.unknownIntegration'),
    });
  }
  const current =
    integrations.data?.find((i) => i.id === selected) ??
    (savedIntegration?.id === selected ? savedIntegration : undefined);

  let description: ReactNode = t('agentForm.integrationHint');
  if (integrations.isError) description = t('agentForm.integrationsFailed');
  else if (current && current.status !== 'connected') {
    description = (
      <Text component="span" size="xs" c="orange.8">
        {t('agentForm.integrationNotConnected', {
          status: t(`integrationStatus.${current.status}`),
        })}
      </Text>
    );
  } else if (integrations.data?.length === 0) {
    description = (
      <>
        {t('agentForm.noIntegrations')}{' '}
        <Anchor component={Link} to="/integrations" size="xs">
          {t('agentForm.connectKommoLink')}
        </Anchor>
      </>
    );
  }

  return (
    <FormSection title={t('agentForm.kommo')} description={t('agentForm.kommoHint')}>
      <NativeSelect
        label={t('fields.integration')}
        description={description}
        data={options}
        value={selected ?? NONE}
        onChange={(e) =>
          form.setField(
            'integrationId',
            e.currentTarget.value === NONE ? null : e.currentTarget.value,
          )
        }
        error={form.error('integrationId')}
        disabled={readOnly || integrations.isPending}
        maw={420}
      />
    </FormSection>
  );
}
