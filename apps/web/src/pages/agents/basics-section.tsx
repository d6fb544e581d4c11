import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { agentStatusSchema, type AgentStatus } from '@leadpilot/schemas/agents';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import type { AgentFormState } from './agent-form-state';

export function BasicsSection({ form, readOnly }: { form: AgentFormState; readOnly: boolean }) {
  const { t } = useI18n();
  const statusOptions = agentStatusSchema.options.map((status) => ({
    value: status,
    label: t(`agentStatus.${status}`),
  }));
  return (
    <FormSection title={t('agentForm.basics')} description={t('agentForm.basicsHint')}>
      <TextInput
        label={t('fields.name')}
        placeholder={t('agentForm.namePlaceholder')}
        required
        readOnly={readOnly}
        autoFocus={!readOnly && form.values.name === ''}
        {...form.textProps('name')}
      />
      <Textarea
        label={t('fields.description')}
        description={t('agentForm.descriptionHint')}
        autosize
        minRows={2}
        maxRows={5}
        readOnly={readOnly}
        {...form.textProps('description')}
      />
      <NativeSelect
        label={t('fields.status')}
        description={t(`agentStatus.${form.values.status}.hint`)}
        data={statusOptions}
        value={form.values.status}
        onChange={(e) => form.setField('status', e.currentTarget.value as AgentStatus)}
        error={form.error('status')}
        disabled={readOnly}
        maw={320}
      />
    </FormSection>
  );
}
