import { describe, expect, it, beforeAll } from 'vitest';
import { z } from 'zod';
import { createAgentInput, updateAgentInput } from './agents';
import { signUpInput } from './auth';
import { englishIssueMessage } from './messages';

beforeAll(() => {
  z.config({ customError: englishIssueMessage });
});

const messages = (result: z.ZodSafeParseResult<unknown>) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('shared schemas', () => {
  it('explains a short password and a bad email in plain English', () => {
    const r = signUpInput.safeParse({ email: 'nope', password: 'short', name: 'A', orgName: 'B' });
    expect(messages(r)).toEqual({
      email: 'Enter a valid email address.',
      password: 'Must be at least 10 characters.',
    });
  });

  it('normalises email case and whitespace', () => {
    expect(
      signUpInput.parse({ email: ' A@B.CO ', password: 'x'.repeat(10), name: 'A', orgName: 'B' })
        .email,
    ).toBe('a@b.co');
  });

  it('validates working hours: format, order and time zone', () => {
    const r = createAgentInput.safeParse({
      name: 'A',
      workingHours: {
        timezone: 'Nowhere/City',
        intervals: [
          { day: 1, start: '9am', end: '08:00' },
          { day: 2, start: '10:00', end: '09:00' },
        ],
      },
    });
    expect(messages(r)).toMatchObject({
      'workingHours.timezone': 'Unknown time zone.',
      'workingHours.intervals.0.start': 'Use the 24-hour HH:MM format.',
      'workingHours.intervals.1.end': 'The end must be after the start.',
    });
    expect(
      createAgentInput.safeParse({
        name: 'A',
        workingHours: {
          timezone: 'Asia/Almaty',
          intervals: [{ day: 6, start: '00:00', end: '24:00' }],
        },
      }).success,
    ).toBe(true);
  });

  it('update takes a partial patch and rejects unknown statuses', () => {
    expect(
      updateAgentInput.safeParse({
        id: '01a22c82-8d28-76c3-8a23-75dc624277f6',
        data: { name: 'B' },
      }).success,
    ).toBe(true);
    expect(
      messages(
        updateAgentInput.safeParse({
          id: '01a22c82-8d28-76c3-8a23-75dc624277f6',
          data: { status: 'deleted' },
        }),
      ),
    ).toEqual({
      'data.status': 'Must be one of: draft, active, paused.',
    });
  });
});
