import { MultiSelect, NativeSelect, Text, Textarea } from '@mantine/core';
import { agentToneSchema, replyLanguages, type AgentTone } from '@leadpilot/schemas/agents';
import { useId, useMemo } from 'react';
import { ComboboxLabel, withoutLabel } from '../../components/combobox-label';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import type { AgentFormState } from './agent-form-state';

const INSTRUCTIONS_MAX = 20000;

export function BehaviourSection({ form, readOnly }: { form: AgentFormState; readOnly: boolean }) {
  const { t, format, locale } = useI18n();
  const toneOptions = agentToneSchema.options.map((tone) => ({
    value: tone,
    label: t(`agentTone.${tone}`),
  }));
  const languageOptions = useMemo(
    () =>
      replyLanguages
        .map((code) => ({ value: code, label: format.languageName(code) }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [format, locale],
  );
  const number = new Intl.NumberFormat(locale);
  const languagesId = useId();

  return (
    <FormSection title={t('agentForm.behaviour')} description={t('agentForm.behaviourHint')}>
      <Textarea
        label={t('fields.persona')}
        description={t('agentForm.personaHint')}
        placeholder={t('agentForm.personaPlaceholder')}
        autosize
        minRows={3}
        maxRows={8}
        readOnly={readOnly}
        {...form.textProps('persona')}
      />
      <Textarea
        label={t('fields.instructions')}
        description={t('agentForm.instructionsHint')}
        placeholder={t('agentForm.instructionsPlaceholder')}
        autosize
        minRows={8}
        maxRows={24}
        readOnly={readOnly}
        styles={{
          input: {
            fontFamily: 'var(--mantine-font-family-monospace)',
            fontSize: 13,
            lineHeight: 1.55,
          },
        }}
        {...form.textProps('instructions')}
      />
      <Text
        size="xs"
        c={form.values.instructions.length > INSTRUCTIONS_MAX ? 'red' : 'dimmed'}
        ta="right"
        mt={-8}
        aria-live="polite"
      >
        {number.format(form.values.instructions.length)} / {number.format(INSTRUCTIONS_MAX)}
      </Text>
      <NativeSelect
        label={t('fields.tone')}
        data={toneOptions}
        value={form.values.tone}
        onChange={(e) => form.setField('tone', e.currentTarget.value as AgentTone)}
        error={form.error('tone')}
        disabled={readOnly}
        maw={320}
      />
      <ComboboxLabel htmlFor={languagesId} label={t('fields.languages')}>
        <MultiSelect
          id={languagesId}
          inputWrapperOrder={withoutLabel}
          description={t('agentForm.languagesHint')}
          placeholder={
            form.values.languages.length === 0 ? t('agentForm.languagesPlaceholder') : undefined
          }
          data={languageOptions}
          value={form.values.languages}
          onChange={(languages) => form.setField('languages', languages)}
          onBlur={() => form.blur('languages')}
          error={form.error('languages')}
          searchable
          clearable
          hidePickedOptions
          nothingFoundMessage={t('common.nothingFound')}
          readOnly={readOnly}
        />
      </ComboboxLabel>
    </FormSection>
  );
}
