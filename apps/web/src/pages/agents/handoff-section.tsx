import { NativeSelect, TagsInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ComboboxLabel, withoutLabel } from '../../components/combobox-label';
import { FormSection } from '../../components/form-section';
import { useId } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import type { Agent } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import type { AgentFormState } from './agent-form-state';

const NONE = '';

interface HandoffSectionProps {
  form: AgentFormState;
  readOnly: boolean;
  /** The saved teammate, shown even if the member list cannot load */
  savedHandoffUser: Agent['handoffUser'];
}

export function HandoffSection({ form, readOnly, savedHandoffUser }: HandoffSectionProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const phrasesId = useId();
  const members = useQuery(
    trpc.members.list.queryOptions(undefined, { meta: { inlineErrors: true } }),
  );

  const options = [{ value: NONE, label: t('agentForm.noHandoffUser') }];
  for (const member of members.data ?? []) {
    options.push({
      value: member.userId,
      label: member.isYou ? t('agentForm.memberYou', { name: member.name }) : member.name,
    });
  }
  const selected = form.values.handoffUserId;
  if (selected && !options.some((o) => o.value === selected)) {
    // A saved teammate missing from the list (list failed, or they left): keep the choice visible.
    options.push({
      value: selected,
      label:
        savedHandoffUser?.id === selected ? savedHandoffUser.name : t('agentForm.unknownMember'),
    });
  }

  return (
    <FormSection title={t('agentForm.handoff')} description={t('agentForm.handoffHint')}>
      <ComboboxLabel htmlFor={phrasesId} label={t('fields.handoffPhrases')}>
        <TagsInput
          id={phrasesId}
          inputWrapperOrder={withoutLabel}
          description={t('agentForm.handoffPhrasesHint')}
          placeholder={readOnly ? undefined : t('agentForm.handoffPhrasesPlaceholder')}
          value={form.values.handoffPhrases}
          onChange={(phrases) => form.setField('handoffPhrases', phrases)}
          onBlur={() => form.blur('handoffPhrases')}
          error={form.error('handoffPhrases') ?? firstItemError(form)}
          maxTags={50}
          clearable
          readOnly={readOnly}
        />
      </ComboboxLabel>
      <NativeSelect
        label={t('fields.handoffUser')}
        description={
          members.isError ? t('agentForm.membersFailed') : t('agentForm.handoffUserHint')
        }
        data={options}
        value={selected ?? NONE}
        onChange={(e) =>
          form.setField(
            'handoffUserId',
            e.currentTarget.value === NONE ? null : e.currentTarget.value,
          )
        }
        error={form.error('handoffUserId')}
        disabled={readOnly || members.isPending}
        maw={420}
      />
    </FormSection>
  );
}

function firstItemError(form: AgentFormState): string | undefined {
  for (let i = 0; i < form.values.handoffPhrases.length; i += 1) {
    const error = form.error(`handoffPhrases.${i}`);
    if (error) return error;
  }
  return undefined;
}
