import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * JWTs as the Wazuh API v4 issues them (api/api/authentication.py `generate_token`, v4.14.7): ES512, claims
 * `iss: "wazuh"`, `aud: "Wazuh API REST"`, `nbf` (issue time), `exp = nbf + auth_token_exp_timeout` (default
 * 900 s), `sub`, `run_as`, `rbac_roles`, `rbac_mode`. Changing the security configuration revokes every token
 * issued before (spec.yaml v4.14.7, info.description), which `revokeAll` models.
 */
export type TokenCheck = 'valid' | 'invalid' | 'expired';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class WazuhTokenIssuer {
  private readonly keys: { privateKey: KeyObject; publicKey: KeyObject };
  /** Tokens not revoked yet (ECDSA signatures are randomised, so two tokens of the same second differ). */
  private readonly live = new Set<string>();
  readonly issued: string[] = [];

  constructor() {
    this.keys = generateKeyPairSync('ec', { namedCurve: 'P-521' });
  }

  issue(subject: string, lifetimeSeconds: number, nowMs: number): string {
    const nbf = Math.floor(nowMs / 1000);
    const header = b64url(JSON.stringify({ alg: 'ES512', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        iss: 'wazuh',
        aud: 'Wazuh API REST',
        nbf,
        exp: nbf + lifetimeSeconds,
        sub: subject,
        run_as: false,
        rbac_roles: [1],
        rbac_mode: 'white',
      }),
    );
    const signature = sign('sha512', Buffer.from(`${header}.${payload}`), {
      key: this.keys.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    const token = `${header}.${payload}.${b64url(signature)}`;
    this.issued.push(token);
    this.live.add(token);
    return token;
  }

  check(token: string, nowMs: number): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return 'invalid';
    const [header, payload, signature] = parts;
    const ok = verify(
      'sha512',
      Buffer.from(`${header}.${payload}`),
      { key: this.keys.publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    if (!ok || !this.live.has(token)) return 'invalid';
    let claims: { nbf?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { nbf?: unknown; exp?: unknown };
    } catch {
      return 'invalid';
    }
    if (typeof claims.nbf !== 'number' || typeof claims.exp !== 'number') return 'invalid';
    return claims.exp * 1000 <= nowMs ? 'expired' : 'valid';
  }

  /** Invalidates every token issued so far. */
  revokeAll(): void {
    this.live.clear();
  }
}
