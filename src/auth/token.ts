// Verifies bearer tokens: HS256 with JWT_SECRET in development and tests, an OpenID Connect
// provider's JWKS in production. A bad or expired token is an error, never silently anonymous.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT, type JWTClaimVerificationOptions, type JWTPayload } from 'jose';
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
  // An empty secret verifies nothing (WebCrypto, before, refused to import it).
  const secret = config.secret ? createSecretKey(Buffer.from(config.secret)) : undefined;
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
      payload = keySet ? (await jwtVerify(token, keySet, options)).payload : verifyHs256(token, secret, options);
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

/** The protected header of the unsecured JWT whose claims jose checks once the signature is known good. */
const SIGNATURE_CHECKED = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');

/**
 * An HS256 token, the only algorithm of the shared secret. The signature is checked with
 * node:crypto, synchronously: jose checks an HMAC through WebCrypto, a job on the thread pool and
 * several promises per token, 70-110 µs of CPU per fresh token against about 20. The claims (exp,
 * nbf, iss, aud) are checked by jose, as jwtVerify checks them: UnsecuredJWT.decode runs the same
 * validation, here on the payload whose signature has just been verified.
 */
function verifyHs256(token: string, secret: KeyObject | undefined, options: JWTClaimVerificationOptions): JWTPayload {
  if (!secret) throw new Error('No secret to verify with.');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('Not a compact JWS.');
  const [header, payload, signature] = parts as [string, string, string];
  const { alg, crit, b64 } = decodeProtectedHeader(token);
  // No extension is understood, so a token requiring one (crit) is refused, as jose refuses it.
  if (alg !== 'HS256' || crit !== undefined || b64 !== undefined) throw new Error('Algorithm or header not accepted.');
  // Compared as text: one signature has one base64url form (decoding would also accept others).
  const expected = Buffer.from(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('Signature verification failed.');
  return UnsecuredJWT.decode(`${SIGNATURE_CHECKED}.${payload}.`, options).payload;
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
