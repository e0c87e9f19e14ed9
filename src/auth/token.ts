// Verifies bearer tokens: HS256 with JWT_SECRET in development and tests, an OpenID Connect
// provider's JWKS in production. A bad or expired token is an error, never silently anonymous.
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import { unauthenticated } from '../errors.js';

export const ROLES = ['member', 'clerk', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Claims {
  /** Global ID of the Person, or undefined for a display token without a person. */
  personGlobalId?: string;
  roles: Role[];
  /**
   * Global IDs of organizations whose closed sessions the bearer may read without being a
   * person: the token of a meeting-room display. It grants reading only, never writing.
   */
  organizationGlobalIds: string[];
  expiresAt?: Date;
}

export type TokenVerifier = (token: string) => Promise<Claims>;

/**
 * Tokens verified lately, remembered with their claims: a member's phone sends the same token with
 * every request, and a burst of 2,000 ballots spent a tenth of its time checking signatures again.
 */
const VERIFIED_TOKENS = 10_000;
const VERIFIED_TTL_MS = 5 * 60_000;

export function createTokenVerifier(config: Config['jwt']): TokenVerifier {
  // The secret is imported once, at the first verify (jose would import a raw secret anew on
  // every verify, which is what a burst of ballots spent its time on; a secret it refuses is an
  // invalid token, as before). The remote key set caches its keys itself.
  const keySet = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  let secretKey: Promise<CryptoKey> | undefined;
  const key = () =>
    keySet ?? (secretKey ??= crypto.subtle.importKey('raw', new TextEncoder().encode(config.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: config.jwksUrl ? undefined : ['HS256'],
  };
  const verified = new LRUCache<string, Claims>({ max: VERIFIED_TOKENS, ttl: VERIFIED_TTL_MS });
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    const claims = await verify(token);
    // Until it expires, at most VERIFIED_TTL_MS (a key withdrawn from the key set ends it then).
    const left = claims.expiresAt ? claims.expiresAt.getTime() - Date.now() : VERIFIED_TTL_MS;
    if (left > 0) verified.set(token, claims, { ttl: Math.min(left, VERIFIED_TTL_MS) });
    return claims;
  };

  async function verify(token: string): Promise<Claims> {
    let payload: JWTPayload;
    try {
      // jose's overloads differ for a key and a key set; both accept these options.
      payload = (await jwtVerify(token, (await key()) as CryptoKey, options)).payload;
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw unauthenticated(expired ? 'The token has expired.' : 'The token is invalid.');
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    return {
      personGlobalId: typeof payload.sub === 'string' ? payload.sub : undefined,
      roles,
      organizationGlobalIds: Array.isArray(payload.organizations) ? payload.organizations.filter((id): id is string => typeof id === 'string') : [],
      expiresAt: payload.exp ? new Date(payload.exp * 1000) : undefined,
    };
  }
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A development/test token signed with the shared secret. */
export async function signDevelopmentToken(
  secret: string,
  claims: { sub?: string; roles: Role[]; organizations?: string[]; expiresIn?: string | number },
): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles, ...(claims.organizations?.length ? { organizations: claims.organizations } : {}) }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (claims.sub) jwt.setSubject(claims.sub);
  jwt.setExpirationTime(claims.expiresIn ?? '12h');
  return jwt.sign(new TextEncoder().encode(secret));
}
