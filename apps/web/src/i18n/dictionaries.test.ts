import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ru } from './ru';

const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys in English and Russian', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.entries(en)
      .filter(
        ([key, message]) =>
          placeholders(message).join() !== placeholders(ru[key as keyof typeof en]).join(),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('have no empty messages', () => {
    for (const dictionary of [en, ru]) {
      expect(Object.entries(dictionary).filter(([, message]) => message.trim() === '')).toEqual([]);
    }
  });

  it('give every plural message all the forms Russian needs', () => {
    const bases = Object.keys(en)
      .filter((key) => key.endsWith('.other'))
      .map((key) => key.slice(0, -'.other'.length));
    for (const base of bases) {
      for (const form of ['one', 'few', 'many']) expect(en).toHaveProperty([`${base}.${form}`]);
    }
  });
});
