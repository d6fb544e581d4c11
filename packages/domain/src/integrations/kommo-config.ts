/**
 * How this deployment reaches Kommo. `real` is present when KOMMO_CLIENT_ID/SECRET are configured;
 * `demo` when the built-in emulator runs (the default for `pnpm start`).
 */
export interface KommoOAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface KommoConfig {
  real?: KommoOAuthApp & {
    /** Kommo's consent page, https://www.kommo.com/oauth */
    consentUrl: string;
    /** Account hosts we accept from OAuth's `referer` (the code and client secret go there). */
    allowedHostSuffixes: string[];
  };
  demo?: KommoOAuthApp & {
    /** The emulator's base URL, e.g. http://localhost:3001 */
    baseUrl: string;
  };
  /** Public origin of this app, for the webhook URL registered in Kommo. */
  publicUrl: string;
  /** Per-request timeout of the Kommo client (default 15 s). */
  requestTimeoutMs?: number;
}

/** Events Leadpilot subscribes to (API.md §4). */
export const WEBHOOK_SETTINGS = [
  'add_lead',
  'update_lead',
  'delete_lead',
  'restore_lead',
  'status_lead',
  'responsible_lead',
  'note_lead',
  'add_contact',
  'update_contact',
  'delete_contact',
  'note_contact',
  'add_company',
  'update_company',
  'delete_company',
  'note_company',
  'add_task',
  'update_task',
  'delete_task',
  'add_talk',
  'update_talk',
  'add_message',
] as const;

export function webhookUrl(
  config: Pick<KommoConfig, 'publicUrl'>,
  integrationId: string,
  secret: string,
): string {
  return `${config.publicUrl.replace(/\/$/, '')}/webhooks/kommo/${integrationId}/${secret}`;
}
