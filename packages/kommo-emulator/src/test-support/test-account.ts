import { createDemoAccount } from '../fixtures/demo-account';
import { createKommoEmulator, type EmulatorOptions } from '../emulator';
import { testApi } from './api-client';

/** A started emulator on the demo account (fixed clock), a long-lived token and an API caller. */
export async function startTestAccount(options: EmulatorOptions = {}) {
  const emulator = createKommoEmulator({
    fixture: createDemoAccount(1_790_000_000),
    rateLimitPerSecond: null,
    ...options,
  });
  await emulator.start();
  const token = emulator.tokens.issueLongLived(30);
  return { emulator, token, api: testApi(emulator, token) };
}
