import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { readServerEnv } from './env';
import { createLogger } from '@leadpilot/runtime/logger';
import { createServer, type LeadpilotServer } from './server';

const testDeps = {
  box: createSecretBox(randomBytes(32)),
  kommo: { publicUrl: 'http://localhost' },
};
let server: LeadpilotServer;
let base: string;
let dropDb: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase(templateDatabaseUrl());
  dropDb = database.drop;
  const web = mkdtempSync(path.join(os.tmpdir(), 'lp-web-'));
  mkdirSync(path.join(web, 'assets'));
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Leadpilot</title>');
  writeFileSync(path.join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  const env = readServerEnv({
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST: web,
    LOG_LEVEL: 'silent',
  });
  server = createServer({ env, db: database.db, log: createLogger('test', 'silent'), ...testDeps });
  base = (await server.start()).url;
});
afterAll(async () => {
  await server.stop();
  await dropDb();
});

const signUpBody = (email: string) =>
  JSON.stringify({
    json: { email, password: 'long enough password', name: 'Ann', orgName: 'Acme' },
  });

describe('HTTP server', () => {
  it('answers /healthz and /readyz (database reachable and migrated)', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and accepts it back', async () => {
    const res = await fetch(`${base}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: signUpBody('cookie@example.com'),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/leadpilot_session=\w+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(
      ((await me.json()) as { result: { data: { json: { user: { email: string } } } } }).result.data
        .json.user.email,
    ).toBe('cookie@example.com');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses a state-changing request from another origin (CSRF)', async () => {
    const res = await fetch(`${base}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: signUpBody('csrf@example.com'),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Cross-site request refused/,
    );
    const crossSite = await fetch(`${base}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('answers client mistakes with 4xx and a readable message, never 500', async () => {
    const malformed = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json": ',
    });
    expect(malformed.status).toBe(400);
    const invalid = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json":{"email":"nope"}}',
    });
    expect(invalid.status).toBe(400);
    expect(
      ((await invalid.json()) as { error: { json: { message: string } } }).error.json.message,
    ).toMatch(/Email: Enter a valid email address/);
    const huge = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${base}/trpc/agents.list`)).status).toBe(401);
    expect((await fetch(`${base}/trpc/no.such.procedure`)).status).toBe(404);
  });

  it('serves the web app: assets cached, client routes fall back to index.html, missing assets 404', async () => {
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    const route = await fetch(`${base}/agents/123`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Leadpilot</title>');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/../../etc/passwd`)).status).not.toBe(500);
  });
});

describe('secure cookies', () => {
  it('marks the cookie Secure when the app is served over https', async () => {
    const database = await createTestDatabase(templateDatabaseUrl());
    const env = readServerEnv({
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      APP_URL: 'https://app.example.com',
      WEB_DIST: '',
      LOG_LEVEL: 'silent',
    });
    const s = createServer({
      env,
      db: database.db,
      log: createLogger('test', 'silent'),
      ...testDeps,
    });
    const { url } = await s.start();
    try {
      const res = await fetch(`${url}/trpc/auth.signUp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://app.example.com' },
        body: signUpBody('secure@example.com'),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    } finally {
      await s.stop();
      await database.drop();
    }
  });
});
