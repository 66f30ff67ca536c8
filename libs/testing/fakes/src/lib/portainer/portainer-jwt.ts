import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * The session tokens of the fake Portainer: HS256 JWTs carrying the claims Portainer's api/jwt/jwt.go puts in them
 * (id, username, role, scope, forceChangePassword plus the registered exp, iat and jti), signed with a secret that
 * lives as long as the fake.
 */
export interface PortainerClaims {
  id: number;
  username: string;
  role: number;
  scope: string;
  forceChangePassword: boolean;
  exp: number;
  iat: number;
  jti: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class PortainerJwtIssuer {
  private readonly secret = randomBytes(32);
  /** Ids of the tokens still honoured; cleared to revoke every session at once. */
  private readonly live = new Set<string>();

  issue(user: { id: number; username: string; role: number }, ttlSeconds: number): string {
    const iat = Math.floor(Date.now() / 1000);
    const claims: PortainerClaims = {
      id: user.id,
      username: user.username,
      role: user.role,
      scope: 'default',
      forceChangePassword: false,
      exp: iat + ttlSeconds,
      iat,
      jti: randomUUID(),
    };
    this.live.add(claims.jti);
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    return `${unsigned}.${this.sign(unsigned)}`;
  }

  /** The claims of a valid, unexpired, unrevoked token; null otherwise. */
  verify(token: string): PortainerClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let claims: PortainerClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as PortainerClaims;
    } catch {
      return null;
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
    if (!this.live.has(claims.jti)) return null;
    return claims;
  }

  /** Invalidates every token issued so far, as when the user's sessions are revoked (password change). */
  revokeAll(): void {
    this.live.clear();
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}
