import { completeKommoConnect } from '@leadpilot/domain/integrations/connect';
import type { KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import type { Harness, TestClient } from './harness';

/** Connects the caller's organisation to an (auto-approving) emulator through the real OAuth flow. */
export async function connectDemo(
  h: Harness,
  owner: TestClient,
): Promise<{ integrationId: string }> {
  const { url } = await owner.call((api) => api.integrations.connectDemo());
  const res = await fetch(url, { redirect: 'manual' });
  const query = new URL(res.headers.get('location')!).searchParams;
  const me = await owner.call((api) => api.auth.me());
  return completeKommoConnect(h, { query, session: { id: owner.cookie()!, userId: me!.user.id } });
}

export function demoConfig(emulator: KommoEmulator) {
  return {
    publicUrl: 'http://localhost:3999',
    demo: {
      baseUrl: emulator.url,
      clientId: 'leadpilot-demo',
      clientSecret: 'leadpilot-demo-secret',
      redirectUri: 'http://localhost:3999/oauth/kommo/callback',
    },
  };
}
