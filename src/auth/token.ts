// Verifies bearer tokens: HS256 with JWT_SECRET in development and tests, an OpenID Connect
// provider's JWKS in production. A bad or expired token is an error, never silently anonymous.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
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
  // The remote key set caches its keys itself; the shared secret is a key object made once.
  const keySet = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  const secret = config.secret === undefined ? undefined : createSecretKey(Buffer.from(config.secret));
  const options = { issuer: config.issuer, audience: config.audience };
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
      payload = keySet ? (await jwtVerify(token, keySet, options)).payload : verifyHs256(token, secret!, options);
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

/**
 * An HS256 token checked with node:crypto, synchronously: jose checks an HMAC through WebCrypto,
 * a job on the thread pool and several promises per token, which cost a burst of 2,000 freshly
 * signed-in requests a fifth of its CPU time. The claims are checked as jose checks them (no
 * clock tolerance); jose only decodes.
 */
function verifyHs256(token: string, secret: KeyObject, { issuer, audience }: { issuer?: string; audience?: string }): JWTPayload {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS');
  const header = decodeProtectedHeader(token);
  // No extensions are understood, so a token that requires one ("crit") is refused, as by jose.
  if (header.alg !== 'HS256' || header.crit !== undefined || header.b64 !== undefined) throw new Error('algorithm or header not accepted');
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const signature = Buffer.from(parts[2]!, 'base64url');
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) throw new Error('signature');
  const payload = decodeJwt(token);
  const now = Math.floor(Date.now() / 1000);
  for (const claim of ['exp', 'nbf', 'iat'] as const) if (payload[claim] !== undefined && typeof payload[claim] !== 'number') throw new Error(`${claim} not a number`);
  if (payload.exp !== undefined && payload.exp <= now) throw Object.assign(new Error('expired'), { code: 'ERR_JWT_EXPIRED' });
  if (payload.nbf !== undefined && payload.nbf > now) throw new Error('not yet valid');
  if (issuer !== undefined && payload.iss !== issuer) throw new Error('issuer');
  if (audience !== undefined && !(Array.isArray(payload.aud) ? payload.aud.includes(audience) : payload.aud === audience)) throw new Error('audience');
  return payload;
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
