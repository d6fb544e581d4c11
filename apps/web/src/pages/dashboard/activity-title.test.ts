import { activityTypes } from '@leadpilot/schemas/activity';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { ru } from '../../i18n/ru';
import {
  createTranslator,
  translatePlural,
  type Dictionary,
  type Locale,
} from '../../i18n/translate';
import { activityLink } from './activity-link';
import { activityTitle } from './activity-title';

function words(dictionary: Dictionary, locale: Locale) {
  return {
    t: createTranslator(dictionary),
    tp: (base: Parameters<typeof translatePlural>[2], n: number) =>
      translatePlural(dictionary, locale, base, n),
    list: (items: string[]) => items.join(', '),
  };
}
const inEnglish = words(en, 'en');
const inRussian = words(ru, 'ru');
const entry = (type: string, params: Record<string, unknown>, title = 'stored title') => ({
  type,
  params,
  title,
});

describe('activity titles', () => {
  it('are worded from type and parameters in the reader’s language', () => {
    const created = entry('agent.created', { name: 'Qualifier' });
    expect(activityTitle(created, inEnglish)).toBe('Agent “Qualifier” created');
    expect(activityTitle(created, inRussian)).toBe('Создан агент «Qualifier»');

    const updated = entry('agent.updated', { name: 'Q', changes: ['status', 'workingHours'] });
    expect(activityTitle(updated, inEnglish)).toBe('Agent “Q” changed: Status, Working hours');
    expect(activityTitle(updated, inRussian)).toMatch(/^Агент «Q» изменён: /);

    const role = entry('member.role_changed', {
      name: 'Bob',
      role: 'admin',
      previousRole: 'member',
    });
    expect(activityTitle(role, inEnglish)).toBe('Role of Bob changed: Member → Admin');

    const sync = entry('sync.succeeded', { name: 'shop', records: 5 });
    expect(activityTitle(sync, inRussian)).toBe('Синхронизация shop завершена: изменено 5 записей');
    const partial = entry('sync.partially_failed', { name: 'shop', records: 1, failed: ['leads'] });
    expect(activityTitle(partial, inEnglish)).toMatch(/^Sync of shop partly failed: /);

    const attention = entry('integration.needs_attention', { name: 'shop', status: 'blocked' });
    expect(activityTitle(attention, inEnglish)).toBe('Kommo account shop needs attention: Blocked');
  });

  it('word every known type in both languages without leaving a placeholder', () => {
    for (const type of activityTypes) {
      for (const w of [inEnglish, inRussian]) {
        const title = activityTitle(entry(type, sample(type)), w);
        expect(title, type).not.toMatch(/[{}]/);
        expect(title, type).not.toBe('stored title');
      }
    }
  });

  it('fall back to the stored English title for unknown kinds or unreadable parameters', () => {
    expect(activityTitle(entry('deal.won', { x: 1 }, 'Deal won'), inRussian)).toBe('Deal won');
    expect(activityTitle(entry('agent.created', {}, 'Agent "X" created'), inRussian)).toBe(
      'Agent "X" created',
    );
  });

  it('kinds without settled wording show their label and the name they carry', () => {
    expect(activityTitle(entry('agent.replied', { agentName: 'Anna' }), inEnglish)).toBe(
      'Agent replied: Anna',
    );
    expect(activityTitle(entry('call.missed', {}), inRussian)).toBe('Пропущенный звонок');
  });
});

describe('activity links', () => {
  const base = { integrationId: 'int-1' };
  it('open what the entry is about', () => {
    expect(
      activityLink({ ...base, type: 'agent.created', subject: { type: 'agent', id: 'a1' } }),
    ).toBe('/agents/a1');
    expect(
      activityLink({ ...base, type: 'agent.deleted', subject: { type: 'agent', id: 'a1' } }),
    ).toBeNull();
    expect(
      activityLink({ ...base, type: 'sync.failed', subject: { type: 'sync_run', id: 'r1' } }),
    ).toBe('/integrations/int-1');
    expect(
      activityLink({ ...base, type: 'lead.stage_changed', subject: { type: 'lead', id: '42' } }),
    ).toBe('/integrations/int-1/data?tab=leads&lead=42');
    expect(
      activityLink({ ...base, type: 'member.joined', subject: { type: 'member', id: 'u' } }),
    ).toBe('/settings/organization');
    expect(activityLink({ ...base, type: 'agent.replied', subject: null })).toBeNull();
  });
});

function sample(type: string): Record<string, unknown> {
  const name = 'Acme';
  switch (type) {
    case 'agent.updated':
      return { name, changes: ['name'] };
    case 'member.joined':
      return { name, role: 'member' };
    case 'member.role_changed':
      return { name, role: 'owner', previousRole: 'admin' };
    case 'integration.needs_attention':
      return { name, status: 'needs_reauth' };
    case 'sync.succeeded':
      return { name, records: 3 };
    case 'sync.partially_failed':
      return { name, records: 3, failed: ['leads', 'tasks'] };
    default:
      return { name };
  }
}
