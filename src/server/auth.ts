import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  errors,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { roles as knownRoles, type Actor, type Role } from '../core/access.js';
import { UnauthenticatedError } from '../core/errors.js';
import type { LocalizedText } from '../core/i18n.js';
import type { EntraConfig } from './config.js';

/**
 * Bearer token validation: ONE path for both modes. Local mode signs its own tokens with a key
 * pair made at start; production checks Entra ID tokens against Microsoft's published keys. Only
 * the key set, issuers and audiences differ, so what local mode tests is what production runs.
 */

/** Turns a bearer token into the actor it was issued for, or throws UnauthenticatedError. */
export interface TokenValidator {
  validate(token: string): Promise<Actor>;
}

/** What a validator trusts. */
export interface TokenValidatorOptions {
  /** Where signing keys come from (a local or remote JWKS). */
  keySet: JWTVerifyGetKey;
  /** Accepted `iss` values. */
  issuers: string[];
  /** Accepted `aud` values. */
  audiences: string[];
  /** When given, the `tid` claim must be one of these. */
  allowedTenants?: string[];
  /**
   * Entra group object id → routing group key. When given, groups come from the `groups` claim
   * through this map; when absent (local tokens), from the `avvikelse_groups` claim as they are.
   */
  groupMap?: Record<string, string>;
  /** Allowed clock difference between the token issuer and this host, in seconds (default 60). */
  clockToleranceSec?: number;
}

/**
 * Asymmetric algorithms only: `none` would accept unsigned tokens, and HS* would let anyone who
 * knows the (public) verification key forge tokens.
 */
export const allowedAlgorithms = ['RS256', 'ES256'] as const;

const texts = {
  invalid: {
    sv: 'Inloggningen är ogiltig. Logga in igen.',
    en: 'The sign-in is not valid. Please sign in again.',
  },
  expired: {
    sv: 'Inloggningen har gått ut. Logga in igen.',
    en: 'The sign-in has expired. Please sign in again.',
  },
  tenant: {
    sv: 'Din organisation har inte tillgång till Avvikelse.',
    en: 'Your organisation does not have access to Avvikelse.',
  },
  keysUnavailable: {
    sv: 'Inloggningen kunde inte kontrolleras just nu. Försök igen om en stund.',
    en: 'The sign-in could not be checked right now. Please try again shortly.',
  },
} satisfies Record<string, LocalizedText>;

/** UnauthenticatedError takes no ErrorOptions, so the cause is attached afterwards for the logs. */
function unauthenticated(text: LocalizedText, cause?: unknown): UnauthenticatedError {
  const error = new UnauthenticatedError(text);
  if (cause !== undefined) error.cause = cause;
  return error;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function textFor(error: unknown): LocalizedText {
  // Only fetching Microsoft's keys fails with something that is not a JOSE error (network).
  if (!(error instanceof errors.JOSEError)) return texts.keysUnavailable;
  const code = errorCode(error);
  if (code === 'ERR_JWT_EXPIRED') return texts.expired;
  if (code === 'ERR_JWKS_TIMEOUT') return texts.keysUnavailable;
  return texts.invalid;
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function stringsClaim(payload: JWTPayload, name: string): string[] {
  const value = payload[name];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function isRole(value: string): value is Role {
  return (knownRoles as readonly string[]).includes(value);
}

/** Maps verified claims to an Actor; unknown roles and unmapped groups are dropped, not errors. */
function toActor(payload: JWTPayload, groupMap: Record<string, string> | undefined): Actor {
  // `oid` is the person's id across all apps in the tenant; `sub` is pairwise per app (local tokens).
  const id = stringClaim(payload, 'oid') ?? stringClaim(payload, 'sub');
  if (id === undefined) throw unauthenticated(texts.invalid);
  const roles: Role[] = ['reporter'];
  for (const role of stringsClaim(payload, 'roles')) {
    if (isRole(role) && !roles.includes(role)) roles.push(role);
  }
  const groups =
    groupMap === undefined
      ? stringsClaim(payload, 'avvikelse_groups')
      : stringsClaim(payload, 'groups').flatMap((groupId) => {
          const key = Object.hasOwn(groupMap, groupId) ? groupMap[groupId] : undefined;
          return key === undefined ? [] : [key];
        });
  const title = stringClaim(payload, 'jobTitle') ?? stringClaim(payload, 'title');
  const actor: Actor = {
    id,
    name: stringClaim(payload, 'name') ?? stringClaim(payload, 'preferred_username') ?? id,
    roles,
    groups: [...new Set(groups)],
  };
  if (title !== undefined) actor.title = title;
  return actor;
}

/** Builds the one token validator both modes use. */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const { keySet, issuers, audiences, allowedTenants, groupMap } = options;
  const clockTolerance = options.clockToleranceSec ?? 60;
  return {
    async validate(token: string): Promise<Actor> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          algorithms: [...allowedAlgorithms],
          issuer: issuers,
          audience: audiences,
          requiredClaims: ['exp'],
          clockTolerance,
        }));
      } catch (error) {
        throw unauthenticated(textFor(error), error);
      }
      if (allowedTenants !== undefined) {
        const tenant = stringClaim(payload, 'tid');
        if (tenant === undefined || !allowedTenants.includes(tenant)) {
          throw unauthenticated(texts.tenant);
        }
      }
      return toActor(payload, groupMap);
    },
  };
}

/** Local mode's token issuer: a key pair made at start, never written anywhere. */
export interface LocalIssuer {
  /** The public key, for `createLocalJWKSet`. */
  readonly jwks: JSONWebKeySet;
  readonly issuer: string;
  readonly audience: string;
  /** Signs a token for `actor`, valid for `ttlSeconds` (default 8 hours, one working day). */
  issue(actor: Actor, ttlSeconds?: number): Promise<string>;
}

/** Issuer and audience of local tokens: URNs, so they can never be mistaken for Entra ones. */
export const localIssuerId = 'urn:avvikelse:local';
/** Audience of local tokens. */
export const localAudience = 'urn:avvikelse:api';

/** Makes local mode's issuer with a fresh ES256 key pair; restarting invalidates old tokens. */
export async function createLocalIssuer(): Promise<LocalIssuer> {
  // The private key stays non-extractable; only the public half is exported for the JWKS.
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = randomUUID();
  const jwks: JSONWebKeySet = {
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }],
  };
  return {
    jwks,
    issuer: localIssuerId,
    audience: localAudience,
    async issue(actor: Actor, ttlSeconds = 8 * 60 * 60): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      const claims: JWTPayload = {
        name: actor.name,
        roles: actor.roles,
        avvikelse_groups: actor.groups,
      };
      if (actor.title !== undefined) claims.title = actor.title;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(localIssuerId)
        .setAudience(localAudience)
        .setSubject(actor.id)
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(privateKey);
    },
  };
}

/** The validator for tokens from a local issuer. */
export function createLocalValidator(issuer: LocalIssuer): TokenValidator {
  return createTokenValidator({
    keySet: createLocalJWKSet(issuer.jwks),
    issuers: [issuer.issuer],
    audiences: [issuer.audience],
  });
}

/**
 * The production validator for Entra ID v2 access tokens (the API app registration must set
 * `accessTokenAcceptedVersion: 2`). Microsoft's keys are fetched lazily and cached by jose.
 */
export function createEntraValidator(config: EntraConfig): TokenValidator {
  const keys = new URL(`https://login.microsoftonline.com/${config.tenantId}/discovery/v2.0/keys`);
  return createTokenValidator({
    keySet: createRemoteJWKSet(keys),
    issuers: config.allowedTenants.map(
      (tenant) => `https://login.microsoftonline.com/${tenant}/v2.0`,
    ),
    audiences: config.audiences,
    allowedTenants: config.allowedTenants,
    groupMap: config.groupMap,
  });
}
