import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  base64url,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import { UnauthenticatedError } from '../../src/core/errors.js';
import {
  createLocalIssuer,
  createLocalValidator,
  createTokenValidator,
  type LocalIssuer,
  type TokenValidator,
} from '../../src/server/auth.js';
import { findDemoUser } from '../../src/server/demoUsers.js';

const tenant = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const clientId = '9a1b2c3d-0000-4000-8000-00000000c1e1';
const entraIssuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
const appIdUri = `api://avvikelse.example.se/${clientId}`;
const lexSarahGroup = '11111111-2222-3333-4444-555555555555';

/** Awaits a rejected validation and checks that jose refused it for the expected reason. */
async function rejection(
  promise: Promise<unknown>,
  causeCode?: string,
  claim?: string,
): Promise<UnauthenticatedError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    const cause: unknown = error.cause;
    expect(cause === undefined ? undefined : (cause as { code?: unknown }).code).toBe(causeCode);
    if (claim !== undefined) expect((cause as { claim?: unknown }).claim).toBe(claim);
    return error;
  }
  throw new Error('the token was accepted');
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  // Change a character in the middle: the last one may only carry padding bits.
  const at = Math.floor(signature.length / 2);
  const swapped = signature[at] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, at)}${swapped}${signature.slice(at + 1)}`;
}

describe('local issuer and validator', () => {
  let issuer: LocalIssuer;
  let validator: TokenValidator;

  beforeAll(async () => {
    issuer = await createLocalIssuer();
    validator = createLocalValidator(issuer);
  });

  it('issues a token that validates to the same actor', async () => {
    const officer = findDemoUser('u-officer')!;
    await expect(validator.validate(await issuer.issue(officer))).resolves.toEqual(officer);
  });

  it('publishes only a public ES256 key', () => {
    const [key] = issuer.jwks.keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    expect(issuer.issuer).toBe('urn:avvikelse:local');
    expect(issuer.audience).toBe('urn:avvikelse:api');
  });

  it('rejects a token with a tampered signature, keeping the cause', async () => {
    const token = await issuer.issue(findDemoUser('u-reporter')!);
    const error = await rejection(
      validator.validate(tamper(token)),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    expect(error.reason).toBe('unauthenticated');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.text.sv).not.toBe('');
  });

  it('rejects an expired token with a message that says so', async () => {
    const token = await issuer.issue(findDemoUser('u-reporter')!, -3600);
    const error = await rejection(validator.validate(token), 'ERR_JWT_EXPIRED');
    expect(error.text.en).toContain('expired');
  });

  it('rejects a token from another local issuer (another run)', async () => {
    const other = await createLocalIssuer();
    await rejection(
      validator.validate(await other.issue(findDemoUser('u-reporter')!)),
      'ERR_JWKS_NO_MATCHING_KEY',
    );
  });

  it('rejects garbage', async () => {
    await rejection(validator.validate('not-a-token'), 'ERR_JWS_INVALID');
    await rejection(validator.validate(''), 'ERR_JWS_INVALID');
  });
});

describe('the shared validation path with an Entra-shaped claim set', () => {
  let rsaKey: CryptoKey;
  let rsaPublicPem: string;
  let ecKey: CryptoKey;
  let validator: TokenValidator;

  const entraClaims = (): JWTPayload => ({
    oid: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    sub: 'pairwise-subject',
    tid: tenant,
    name: 'Ida Berg',
    preferred_username: 'ida.berg@example.se',
    roles: ['investigator', 'Avvikelse.Admin', 'lexSarahOfficer'],
    groups: [lexSarahGroup, '99999999-9999-9999-9999-999999999999'],
    scp: 'access_as_user',
  });

  function sign(
    claims: JWTPayload,
    options: {
      key?: CryptoKey;
      alg?: string;
      kid?: string;
      issuer?: string;
      audience?: string;
      expiresIn?: number | null;
    } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'rsa-1', typ: 'JWT' })
      .setIssuer(options.issuer ?? entraIssuer)
      .setAudience(options.audience ?? clientId)
      .setIssuedAt(now);
    if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 3600));
    return jwt.sign(options.key ?? rsaKey);
  }

  beforeAll(async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    rsaKey = rsa.privateKey;
    rsaPublicPem = await exportSPKI(rsa.publicKey);
    ecKey = ec.privateKey;
    const keySet = createLocalJWKSet({
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256' },
      ],
    });
    validator = createTokenValidator({
      keySet,
      issuers: [entraIssuer],
      audiences: [appIdUri, clientId],
      allowedTenants: [tenant],
      groupMap: { [lexSarahGroup]: 'lexSarahOfficer' },
    });
  });

  it('maps oid, name, roles (known ones, reporter always) and groups through the group map', async () => {
    const token = await sign({ ...entraClaims(), jobTitle: 'Utredare' });
    await expect(validator.validate(token)).resolves.toEqual({
      id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      name: 'Ida Berg',
      title: 'Utredare',
      roles: ['reporter', 'investigator', 'lexSarahOfficer'],
      groups: ['lexSarahOfficer'],
    });
  });

  it('accepts both the App ID URI and the bare client id as audience, and ES256', async () => {
    await expect(
      validator.validate(await sign(entraClaims(), { audience: appIdUri })),
    ).resolves.toMatchObject({
      id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    });
    await expect(
      validator.validate(await sign(entraClaims(), { key: ecKey, alg: 'ES256', kid: 'ec-1' })),
    ).resolves.toMatchObject({ roles: expect.arrayContaining(['investigator']) });
  });

  it('ignores avvikelse_groups when a group map is configured (production)', async () => {
    const token = await sign({ ...entraClaims(), groups: [], avvikelse_groups: ['dpo'] });
    await expect(validator.validate(token)).resolves.toMatchObject({ groups: [] });
  });

  it('rejects a tampered signature', async () => {
    await rejection(
      validator.validate(tamper(await sign(entraClaims()))),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });

  it('rejects an expired token', async () => {
    await rejection(
      validator.validate(await sign(entraClaims(), { expiresIn: -3600 })),
      'ERR_JWT_EXPIRED',
    );
  });

  it('rejects a token without exp', async () => {
    await rejection(
      validator.validate(await sign(entraClaims(), { expiresIn: null })),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      'exp',
    );
  });

  it('rejects the wrong issuer', async () => {
    const issuer = 'https://login.microsoftonline.com/3f2504e0-4f89-11d3-9a0c-0305e82c3399/v2.0';
    await rejection(
      validator.validate(await sign(entraClaims(), { issuer })),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      'iss',
    );
  });

  it('rejects the wrong audience', async () => {
    await rejection(
      validator.validate(await sign(entraClaims(), { audience: 'api://other-app' })),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
      'aud',
    );
  });

  it('rejects a tenant that is not allowed, and a token without tid', async () => {
    const error = await rejection(
      validator.validate(
        await sign({ ...entraClaims(), tid: '3f2504e0-4f89-11d3-9a0c-0305e82c3399' }),
      ),
    );
    expect(error.text.en).toContain('organisation');
    const withoutTenant = entraClaims();
    delete withoutTenant.tid;
    await rejection(validator.validate(await sign(withoutTenant)));
  });

  it('rejects an unsigned token (alg none)', async () => {
    const encode = (value: object): string => base64url.encode(JSON.stringify(value));
    const now = Math.floor(Date.now() / 1000);
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      ...entraClaims(),
      iss: entraIssuer,
      aud: clientId,
      iat: now,
      exp: now + 3600,
    })}.`;
    await rejection(validator.validate(token), 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('rejects a signed token whose signature was stripped (unsigned, alg still RS256)', async () => {
    const [header, payload] = (await sign(entraClaims())).split('.') as [string, string];
    await rejection(
      validator.validate(`${header}.${payload}.`),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
  });

  it('rejects HS256 tokens, also one keyed with the public key (algorithm confusion)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signHs = (secret: Uint8Array): Promise<string> =>
      new SignJWT(entraClaims())
        .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1', typ: 'JWT' })
        .setIssuer(entraIssuer)
        .setAudience(clientId)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(secret);
    await rejection(
      validator.validate(await signHs(new TextEncoder().encode('shared-secret'))),
      'ERR_JOSE_ALG_NOT_ALLOWED',
    );
    await rejection(
      validator.validate(await signHs(new TextEncoder().encode(rsaPublicPem))),
      'ERR_JOSE_ALG_NOT_ALLOWED',
    );
  });

  it('rejects a token without oid or sub', async () => {
    const anonymous = entraClaims();
    delete anonymous.oid;
    delete anonymous.sub;
    await rejection(validator.validate(await sign(anonymous)));
  });
});
