import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ru } from './ru';
import { createTranslator, interpolate, translatePlural } from './translate';

describe('translate', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    expect(interpolate('Join {org} as {role}', { org: 'Acme' })).toBe('Join Acme as {role}');
  });

  it('translates by key in the chosen language', () => {
    expect(createTranslator(en)('invite.title', { org: 'Acme' })).toBe('Join Acme on Leadpilot');
    expect(createTranslator(ru)('invite.title', { org: 'Acme' })).toBe(
      'Присоединяйтесь к Acme в Leadpilot',
    );
  });

  it('picks Russian plural forms by count', () => {
    expect(translatePlural(ru, 'ru', 'members.count', 1)).toBe('1 участник');
    expect(translatePlural(ru, 'ru', 'members.count', 3)).toBe('3 участника');
    expect(translatePlural(ru, 'ru', 'members.count', 5)).toBe('5 участников');
    expect(translatePlural(ru, 'ru', 'members.count', 21)).toBe('21 участник');
    expect(translatePlural(en, 'en', 'members.count', 1)).toBe('1 member');
    expect(translatePlural(en, 'en', 'members.count', 2)).toBe('2 members');
  });
});
