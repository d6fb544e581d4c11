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
    expect(activityTitle(entry('agent.error', {}), inRussian)).toBe('Ошибка агента');
  });

  it('Kommo events: stage changes, tasks and missed calls in both languages', () => {
    const moved = { leadName: 'Big deal', stage: 'Won', fromStage: 'Offer', by: 'Boris' };
    expect(activityTitle(entry('lead.stage_changed', moved), inEnglish)).toBe(
      'Deal “Big deal” moved to Won by Boris',
    );
    expect(activityTitle(entry('lead.stage_changed', { ...moved, by: null }), inRussian)).toBe(
      'Сделка «Big deal» перешла на этап «Won»',
    );
    expect(
      activityTitle(entry('task.assigned', { text: 'Call', assignee: 'Anna' }), inRussian),
    ).toBe('Задача для Anna: Call');
    expect(
      activityTitle(entry('call.missed', { phone: '+7 900', leadName: null }), inEnglish),
    ).toBe('Missed call from +7 900');
    expect(activityTitle(entry('call.missed', { phone: null, leadName: null }), inRussian)).toBe(
      'Пропущенный звонок',
    );
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
    case 'lead.stage_changed':
      return { leadName: name, stage: 'Won', fromStage: 'Offer', by: 'Boris' };
    case 'task.assigned':
      return { text: 'Call back', assignee: 'Anna' };
    case 'call.missed':
      return { phone: '+7 900', leadName: name };
    default:
      return { name };
  }
}
