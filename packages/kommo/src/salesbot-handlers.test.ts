import { describe, expect, it } from 'vitest';
import { expandShowHandlers, splitShowText } from './salesbot-handlers';

describe('splitShowText', () => {
  it('keeps short text whole', () => {
    expect(splitShowText('Hello there')).toEqual(['Hello there']);
  });

  it('breaks at spaces into pieces of at most 80 characters, losing no word', () => {
    const text = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitShowText(text);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.every((p) => p.length <= 80)).toBe(true);
    expect(pieces.join(' ')).toBe(text);
  });

  it('cuts a word longer than the limit and never splits a character', () => {
    const long = '😀'.repeat(100);
    const pieces = splitShowText(`Привет ${long}`, 80);
    expect(pieces.every((p) => Array.from(p).length <= 80)).toBe(true);
    expect(pieces.join('')).toBe(`Привет${long}`);
  });
});

describe('expandShowHandlers', () => {
  it('splits long show texts and leaves other handlers alone', () => {
    const goto = { handler: 'goto', params: { type: 'question', step: 5 } };
    const out = expandShowHandlers([
      { handler: 'show', params: { type: 'text', value: 'a '.repeat(60).trim() } },
      goto,
    ]);
    expect(out.map((h) => h.handler)).toEqual(['show', 'show', 'goto']);
    expect(out[2]).toBe(goto);
  });
});
