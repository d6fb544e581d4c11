import { describe, expect, it } from 'vitest';
import { parseRetryAfterHeader, readProblem } from './problem';

describe('readProblem', () => {
  it('keeps the start of a body that is not JSON', () => {
    expect(readProblem('<html>502 Bad Gateway</html>')).toEqual({
      errors: [],
      raw: '<html>502 Bad Gateway</html>',
    });
    expect(readProblem('')).toEqual({ errors: [] });
  });

  it('drops malformed fields instead of failing on the error path', () => {
    const problem = readProblem(
      JSON.stringify({
        title: 42,
        detail: 'Bad',
        retry_after: 'soon',
        'validation-errors': [{ request_id: 3, errors: [{ code: 7, detail: 'x' }] }],
      }),
    );
    expect(problem).toEqual({
      detail: 'Bad',
      errors: [{ code: '7', path: '', detail: 'x', requestId: '3' }],
    });
  });
});

describe('parseRetryAfterHeader', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterHeader('3', now)).toBe(3000);
    expect(parseRetryAfterHeader('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterHeader('whenever', now)).toBeUndefined();
    expect(parseRetryAfterHeader(null, now)).toBeUndefined();
  });
});
