import { describe, expect, it } from 'vitest';
import { signInInput, signUpInput } from '@leadpilot/schemas/auth';
import { createAgentInput } from '@leadpilot/schemas/agents';
import { connectWithTokenInput } from '@leadpilot/schemas/integrations';
import type { z } from 'zod';
import { en } from '../i18n/en';
import { ru } from '../i18n/ru';
import { createTranslator } from '../i18n/translate';
import { errorsFromIssues } from './field-errors';
import { zodIssueMessage } from './zod-issue-message';

const tEn = createTranslator(en);
const tRu = createTranslator(ru);

function messages(result: z.ZodSafeParseResult<unknown>, t = tEn): Record<string, string> {
  const errors = errorsFromIssues(result.error?.issues ?? []);
  return Object.fromEntries(
    Object.entries(errors).map(([path, e]) => [
      path,
      e.kind === 'issue' ? zodIssueMessage(e.issue, t) : e.message,
    ]),
  );
}

describe('zodIssueMessage', () => {
  it('explains a short password and a bad email, in English and Russian', () => {
    const result = signUpInput.safeParse({
      email: 'nope',
      password: 'short',
      name: 'Ann',
      orgName: 'Acme',
    });
    expect(messages(result)).toEqual({
      email: 'Enter a valid email address',
      password: 'Use at least 10 characters',
    });
    expect(messages(result, tRu)).toEqual({
      email: 'Введите корректный адрес эл. почты',
      password: 'Минимум символов: 10',
    });
  });

  it('calls an empty required field required, not "too small"', () => {
    expect(messages(signInInput.safeParse({ email: 'a@b.co', password: '' }))).toEqual({
      password: 'This field is required',
    });
    expect(messages(createAgentInput.safeParse({ name: '   ' }))).toEqual({
      name: 'This field is required',
    });
  });

  it('words the custom working-hours checks by their key, never with the English schema text', () => {
    const result = createAgentInput.safeParse({
      name: 'Agent',
      workingHours: {
        timezone: 'Mars/Olympus',
        intervals: [
          { day: 0, start: '09:00', end: '6pm' },
          { day: 1, start: '18:00', end: '09:00' },
        ],
      },
    });
    expect(messages(result)).toEqual({
      'workingHours.timezone': 'Unknown time zone',
      'workingHours.intervals.0.end': 'Use 24-hour HH:MM, e.g. 09:30',
      'workingHours.intervals.1.end': 'The end must be after the start',
    });
    expect(messages(result, tRu)['workingHours.intervals.1.end']).toBe(
      'Конец должен быть позже начала',
    );
  });

  it('gives limits with their numbers', () => {
    const result = createAgentInput.safeParse({ name: 'x'.repeat(101), status: 'sleeping' });
    expect(messages(result)).toEqual({
      name: 'Use at most 100 characters',
      status: 'Choose one of the options',
    });
  });

  it('checks the long-lived token form: address and token lengths', () => {
    const result = connectWithTokenInput.safeParse({ kind: 'kommo', host: '  ', token: 'abc' });
    expect(messages(result)).toEqual({
      host: 'Use at least 3 characters',
      token: 'Use at least 20 characters',
    });
    expect(messages(result, tRu).token).toBe('Минимум символов: 20');
  });
});
