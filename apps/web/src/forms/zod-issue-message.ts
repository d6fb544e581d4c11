import type { core } from 'zod';
import type { PlainMessageKey, Translate } from '../i18n/translate';

export type ZodIssue = core.$ZodIssue;

/**
 * A form's own wording for an issue the generic rules can't name (a refine, a regex).
 * `pathPattern` is the dotted path with array indexes as `*`: `workingHours.intervals.*.end`.
 */
export type IssueOverride = (issue: ZodIssue, pathPattern: string) => PlainMessageKey | undefined;

export function issuePath(issue: Pick<ZodIssue, 'path'>): string {
  return issue.path.map(String).join('.');
}

export function issuePathPattern(issue: Pick<ZodIssue, 'path'>): string {
  return issue.path.map((part) => (typeof part === 'number' ? '*' : String(part))).join('.');
}

/**
 * Zod issue → a sentence in the interface language, keyed on the issue code. The schemas carry
 * no UI wording (they are shared with the server), so the message text of the issue is ignored.
 */
export function zodIssueMessage(issue: ZodIssue, t: Translate, override?: IssueOverride): string {
  const key = override?.(issue, issuePathPattern(issue));
  if (key) return t(key);

  switch (issue.code) {
    case 'invalid_type':
      return t('validation.required');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1 ? t('validation.required') : t('validation.minLength', { min });
      }
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.minItems', { min });
      return t('validation.minNumber', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.maxLength', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.maxItems', { max });
      return t('validation.maxNumber', { max });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_value':
      return t('validation.choose');
    default:
      return t('validation.invalid');
  }
}
