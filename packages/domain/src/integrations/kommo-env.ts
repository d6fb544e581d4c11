import { z } from 'zod';
import type { KommoConfig } from './kommo-config';

/**
 * The Kommo part of a process's configuration (server and worker read the same variables through
 * their own env.ts). A real Kommo app is configured by KOMMO_CLIENT_ID + KOMMO_CLIENT_SECRET; the
 * demo account by KOMMO_DEMO_URL, which `pnpm start` sets when it runs the emulator.
 */
export const kommoEnvShape = {
  KOMMO_CLIENT_ID: z.string().min(1).optional(),
  KOMMO_CLIENT_SECRET: z.string().min(1).optional(),
  KOMMO_REDIRECT_URI: z.url().optional(),
  KOMMO_CONSENT_URL: z.url().default('https://www.kommo.com/oauth'),
  KOMMO_ALLOWED_HOSTS: z
    .string()
    .default('.kommo.com,.amocrm.ru,.amocrm.com')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  KOMMO_DEMO_URL: z.union([z.literal('').transform(() => undefined), z.url()]).optional(),
  KOMMO_DEMO_CLIENT_ID: z.string().default('leadpilot-demo'),
  KOMMO_DEMO_CLIENT_SECRET: z.string().default('leadpilot-demo-secret'),
  /** How long one Kommo request may take before it is abandoned and retried. */
  KOMMO_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
};

type KommoEnv = z.infer<z.ZodObject<typeof kommoEnvShape>>;

export function toKommoConfig(env: KommoEnv, publicUrl: string): KommoConfig {
  const base = publicUrl.replace(/\/$/, '');
  const redirectUri = env.KOMMO_REDIRECT_URI ?? `${base}/oauth/kommo/callback`;
  return {
    publicUrl: base,
    requestTimeoutMs: env.KOMMO_REQUEST_TIMEOUT_MS,
    real:
      env.KOMMO_CLIENT_ID && env.KOMMO_CLIENT_SECRET
        ? {
            clientId: env.KOMMO_CLIENT_ID,
            clientSecret: env.KOMMO_CLIENT_SECRET,
            redirectUri,
            consentUrl: env.KOMMO_CONSENT_URL,
            allowedHostSuffixes: env.KOMMO_ALLOWED_HOSTS,
          }
        : undefined,
    demo: env.KOMMO_DEMO_URL
      ? {
          baseUrl: env.KOMMO_DEMO_URL,
          clientId: env.KOMMO_DEMO_CLIENT_ID,
          clientSecret: env.KOMMO_DEMO_CLIENT_SECRET,
          redirectUri: `${base}/oauth/kommo/callback`,
        }
      : undefined,
  };
}
