import { Alert, Box, Button, Group, List, Paper, Stack } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ConfirmModal } from '../../components/confirm-modal';
import { FormErrorAlert } from '../../components/form-error-alert';
import { FormSection } from '../../components/form-section';
import { isUnder } from '../../forms/field-errors';
import { useZodForm } from '../../forms/use-zod-form';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import { useUnsavedChangesGuard } from '../../lib/use-unsaved-changes-guard';
import { apiFieldErrors } from '../../trpc/api-error';
import type { Agent } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import {
  agentFieldNames,
  agentFormSchema,
  agentToValues,
  emptyAgentValues,
  stripDataPrefix,
} from './agent-form-values';
import { BasicsSection } from './basics-section';
import { BehaviourSection } from './behaviour-section';
import { DeleteAgentButton } from './delete-agent-button';
import { HandoffSection } from './handoff-section';
import { IntegrationSection } from './integration-section';
import { WorkingHoursField } from './working-hours-field';

interface AgentFormProps {
  /** Absent: a new agent */
  agent?: Agent;
  readOnly: boolean;
}

/** Create and edit an agent: the shared zod rules inline, server field errors next to the fields. */
export function AgentForm({ agent, readOnly }: AgentFormProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const form = useZodForm({
    schema: agentFormSchema,
    initialValues: agent ? agentToValues(agent) : emptyAgentValues(),
  });

  const { blocker, allowLeave } = useUnsavedChangesGuard(form.isDirty);

  function done(saved: Agent, message: string) {
    allowLeave();
    queryClient.setQueryData(trpc.agents.get.queryKey({ id: saved.id }), saved);
    void queryClient.invalidateQueries(trpc.agents.list.pathFilter());
    // Integrations count their linked agents.
    void queryClient.invalidateQueries(trpc.integrations.pathFilter());
    notifySuccess(message);
    void navigate('/agents');
  }
  const onError = (error: unknown) => form.setServerErrors(stripDataPrefix(apiFieldErrors(error)));
  const create = useMutation(
    trpc.agents.create.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: (saved) => done(saved, t('agents.created', { name: saved.name })),
      onError,
    }),
  );
  const update = useMutation(
    trpc.agents.update.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: (saved) => done(saved, t('agents.saved', { name: saved.name })),
      onError,
    }),
  );
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;

  const unplaced = form.unplacedServerErrors((path) =>
    agentFieldNames.some((name) => isUnder(path, name)),
  );

  return (
    <Box
      component="form"
      noValidate
      aria-label={agent ? t('agentForm.editLabel', { name: agent.name }) : t('agentForm.newLabel')}
      onSubmit={form.handleSubmit((data) => {
        if (readOnly) return;
        if (agent) update.mutate({ id: agent.id, data });
        else create.mutate(data);
      })}
    >
      <Stack gap="lg">
        <BasicsSection form={form} readOnly={readOnly} />
        <IntegrationSection
          form={form}
          readOnly={readOnly}
          savedIntegration={agent?.integration ?? null}
        />
        <BehaviourSection form={form} readOnly={readOnly} />
        <FormSection
          title={t('agentForm.workingHours')}
          description={t('agentForm.workingHoursHint')}
        >
          <WorkingHoursField
            value={form.values.workingHours}
            onChange={(value, path) => form.setField('workingHours', value, path)}
            onBlur={() => form.blur('workingHours')}
            error={form.error}
            readOnly={readOnly}
          />
        </FormSection>
        <HandoffSection
          form={form}
          readOnly={readOnly}
          savedHandoffUser={agent?.handoffUser ?? null}
        />

        {unplaced.length > 0 && (
          <Alert color="red" variant="light" role="alert">
            <List size="sm">
              {unplaced.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <FormErrorAlert error={saveError} />

        <Paper
          p="sm"
          shadow="sm"
          style={{ position: 'sticky', bottom: 12, zIndex: 2, backdropFilter: 'blur(6px)' }}
          bg="rgba(255,255,255,0.92)"
        >
          <Group justify="space-between" gap="sm">
            <Box>
              {agent && !readOnly && (
                <DeleteAgentButton
                  agent={agent}
                  onDeleted={() => {
                    allowLeave();
                    void navigate('/agents');
                  }}
                />
              )}
            </Box>
            <Group gap="sm">
              <Button component={Link} to="/agents" variant="default">
                {readOnly ? t('agentForm.backToList') : t('common.cancel')}
              </Button>
              {!readOnly && (
                <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} />}>
                  {t('common.save')}
                </Button>
              )}
            </Group>
          </Group>
        </Paper>
      </Stack>

      <ConfirmModal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        onConfirm={() => blocker.proceed?.()}
        title={t('agentForm.discardTitle')}
        confirmLabel={t('agentForm.discard')}
      >
        {t('agentForm.discardMessage')}
      </ConfirmModal>
    </Box>
  );
}
