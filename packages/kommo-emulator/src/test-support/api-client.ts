import { z } from 'zod';
import type { KommoEmulator } from '../emulator';

export interface TestResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A bare fetch wrapper for tests: Bearer token, JSON in and out, nothing else. */
export function testApi(emulator: KommoEmulator, token: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> => {
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (plain-text 429, nginx HTML): keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    delete: (path: string, body: unknown) => call('DELETE', path, body),
  };
}

const writeAnswer = z.object({
  _embedded: z.record(z.string(), z.array(z.object({ id: z.number(), request_id: z.string() }))),
});

/** The ids a POST/PATCH batch answered with, in order. */
export function writtenIds(res: TestResponse): number[] {
  return Object.values(writeAnswer.parse(res.body)._embedded)
    .flat()
    .map((e) => e.id);
}
