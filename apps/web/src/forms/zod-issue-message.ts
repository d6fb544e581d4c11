import type { core } from 'zod';
import type { CustomIssueKey } from '@leadpilot/schemas/messages';
import type { PlainMessageKey, Translate } from '../i18n/translate';

export type ZodIssue = core.$ZodIssue;

export function issuePath(issue: Pick<ZodIssue, 'path'>): string {
  return issue.path.map(String).join('.');
}

// The shared schemas mark their custom checks with `params.key` instead of wording them.
const customKeys: Record<CustomIssueKey, PlainMessageKey> = {
  timeOfDay: 'validation.timeOfDay',
  endAfterStart: 'validation.endAfterStart',
  timeZone: 'validation.timeZone',
};

function customKey(issue: core.$ZodIssueCustom): PlainMessageKey {
  const key: unknown = issue.params?.key;
  return typeof key === 'string' && key in customKeys
    ? customKeys[key as CustomIssueKey]
    : 'validation.invalid';
}

/**
 * Zod issue → a sentence in the interface language, keyed on the issue code. The schemas are
 * shared with the server and carry no UI wording, so the issue's own `message` is never shown.
 */
export function zodIssueMessage(issue: ZodIssue, t: Translate): string {
  switch (issue.code) {
    case 'invalid_type':
      return t('validation.required');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1 ? t('validation.required') : t('validation.minLength', { min });
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return t('validation.minItems', { min });
      return t('validation.minNumber', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.maxLength', { max });
      if (issue.origin === 'array' || issue.origin === 'set')
        return t('validation.maxItems', { max });
      return t('validation.maxNumber', { max });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_value':
      return t('validation.choose');
    case 'custom':
      return t(customKey(issue));
    default:
      return t('validation.invalid');
  }
}
