import { createHmac, randomBytes, randomUUID } from 'node:crypto';

const b64 = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/**
 * Kommo's access tokens are JWTs (RS256); clients must treat them as opaque. The emulator signs
 * its own with HS256 and a per-process secret: JWT-shaped, never verified by anyone but us.
 */
export function signAccessToken(
  secret: Buffer,
  claims: { clientId: string; userId: number; accountId: number; host: string; expiresAt: number },
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'HS256' };
  const payload = {
    aud: claims.clientId,
    jti: randomUUID(),
    iat: now,
    nbf: now,
    exp: Math.floor(claims.expiresAt / 1000),
    sub: String(claims.userId),
    grant_type: '',
    account_id: claims.accountId,
    base_domain: claims.host,
    version: 2,
    scopes: ['crm', 'files', 'files_delete', 'notifications', 'push_notifications'],
    api_domain: claims.host,
  };
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** Kommo's refresh tokens are long opaque strings starting `def50200`. */
export function newRefreshToken(): string {
  return `def50200${randomBytes(96).toString('hex')}`;
}

export function newAuthorizationCode(): string {
  return `def50200${randomBytes(48).toString('hex')}`;
}
