import type { useZodForm } from '../../forms/use-zod-form';
import type { agentFormSchema, AgentFormValues } from './agent-form-values';

/** The form state the agent form's sections share. */
export type AgentFormState = ReturnType<typeof useZodForm<typeof agentFormSchema, AgentFormValues>>;
