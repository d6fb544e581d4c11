import type { z } from 'zod';

/**
 * Messages for the custom checks in these schemas. A custom issue names one of these keys in
 * `params.key`; the server words it in English (below), the web app in the reader's language.
 */
export const customIssueMessages = {
  timeOfDay: 'Use the 24-hour HH:MM format.',
  endAfterStart: 'The end must be after the start.',
  timeZone: 'Unknown time zone.',
} as const;
export type CustomIssueKey = keyof typeof customIssueMessages;

const plural = (n: number | bigint, word: string) => `${n} ${word}${Number(n) === 1 ? '' : 's'}`;

/**
 * English messages a person understands, for `z.config({ customError })` on the server. Returning
 * undefined falls back to zod's own message.
 */
export function englishIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'This field is required.'
        : `Expected ${issue.expected}.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'This field is required.'
          : `Must be at least ${plural(issue.minimum, 'character')}.`;
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Choose at least ${issue.minimum}.`;
      return `Must be at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string')
        return `Must be at most ${plural(issue.maximum, 'character')}.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Choose at most ${issue.maximum}.`;
      return `Must be at most ${issue.maximum}.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter a valid email address.';
      if (issue.format === 'uuid') return 'Must be a valid id.';
      return 'Has the wrong format.';
    case 'invalid_value':
      return `Must be one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}.`;
    case 'custom': {
      const key = (issue.params as { key?: string } | undefined)?.key;
      return key && key in customIssueMessages
        ? customIssueMessages[key as CustomIssueKey]
        : undefined;
    }
    default:
      return undefined;
  }
}
