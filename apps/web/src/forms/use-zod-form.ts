import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import { useI18n } from '../i18n/i18n-context';
import {
  errorsFromIssues,
  errorsFromServer,
  isUnder,
  type FieldError,
  type FieldErrors,
} from './field-errors';
import { zodIssueMessage } from './zod-issue-message';

interface Options<S extends z.ZodType, V> {
  /** The same schema the server validates with (from @leadpilot/schemas). */
  schema: S;
  initialValues: V;
}

/**
 * A small form state: values, and errors derived from the shared zod schema on every render.
 * A field shows its error once it was edited and left, or after the first submit; server field
 * errors show until that field changes.
 */
export function useZodForm<S extends z.ZodType, V extends Record<string, unknown>>({
  schema,
  initialValues,
}: Options<S, V>) {
  const { t } = useI18n();
  const [initial, setInitial] = useState(initialValues);
  const [values, setValues] = useState(initialValues);
  const [submitted, setSubmitted] = useState(false);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrorsState] = useState<FieldErrors>({});

  const parsed = useMemo(() => schema.safeParse(values), [schema, values]);
  const clientErrors = useMemo(
    () => (parsed.success ? {} : errorsFromIssues(parsed.error.issues)),
    [parsed],
  );

  function message(error: FieldError): string {
    return error.kind === 'server' ? error.message : zodIssueMessage(error.issue, t);
  }

  function error(path: string): string | undefined {
    const server = serverErrors[path];
    if (server) return message(server);
    const client = clientErrors[path];
    if (!client) return undefined;
    const shown = submitted || [...visited].some((field) => isUnder(path, field));
    return shown ? message(client) : undefined;
  }

  function setField<K extends keyof V & string>(name: K, value: V[K], changedPath: string = name) {
    setValues((prev) => ({ ...prev, [name]: value }));
    setEdited((prev) => (prev.has(name) ? prev : new Set(prev).add(name)));
    setServerErrorsState((prev) => {
      const next: FieldErrors = {};
      for (const [path, e] of Object.entries(prev)) if (!isUnder(path, changedPath)) next[path] = e;
      return next;
    });
  }

  function blur(name: keyof V & string) {
    if (edited.has(name) && !visited.has(name)) setVisited((prev) => new Set(prev).add(name));
  }

  function handleSubmit(onValid: (data: z.output<S>) => void) {
    return (event?: FormEvent) => {
      event?.preventDefault();
      setSubmitted(true);
      if (parsed.success) {
        onValid(parsed.data);
        return;
      }
      // Move keyboard focus to the first field that needs attention (once errors have rendered).
      const target = event?.currentTarget;
      const scope = target instanceof HTMLFormElement ? target : document;
      requestAnimationFrame(() =>
        scope.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
    };
  }

  function setServerErrors(fieldErrors: Record<string, string[]> | null) {
    setServerErrorsState(fieldErrors ? errorsFromServer(fieldErrors) : {});
  }

  /** Server field errors that no field on the form displays (shown in a summary). */
  function unplacedServerErrors(knownPaths: (path: string) => boolean): string[] {
    return Object.entries(serverErrors)
      .filter(([path]) => !knownPaths(path))
      .map(([, e]) => message(e));
  }

  function reset(next: V) {
    setInitial(next);
    setValues(next);
    setSubmitted(false);
    setEdited(new Set());
    setVisited(new Set());
    setServerErrorsState({});
  }

  function textProps<K extends keyof V & string>(name: K) {
    return {
      value: values[name] as string,
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        setField(name, event.currentTarget.value as V[K]),
      onBlur: () => blur(name),
      error: error(name),
    };
  }

  return {
    values,
    isDirty: values !== initial,
    error,
    setField,
    blur,
    handleSubmit,
    setServerErrors,
    unplacedServerErrors,
    reset,
    textProps,
  };
}
