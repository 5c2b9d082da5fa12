/**
 * App-only and on-behalf-of tokens through msal-node, against a stand-in for Entra ID given as
 * msal-node's network client: no request leaves the process. The stand-in answers the tenant's
 * OpenID metadata and its token endpoint, and records what msal-node sent.
 */
import { describe, expect, it } from '@jest/globals';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { createGraphTokenSource, graphScope } from '../../src/graph/auth.js';

const tenantId = '11111111-2222-4333-8444-555555555555';
const clientId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const authority = `https://login.microsoftonline.com/${tenantId}`;

interface Seen {
  method: 'GET' | 'POST';
  url: string;
  form?: URLSearchParams;
}

/** A stand-in for Entra ID's endpoints, as msal-node's HTTP client. */
function fakeEntra(answer: (form: URLSearchParams) => { status: number; body: unknown }): {
  network: INetworkModule;
  seen: Seen[];
} {
  const seen: Seen[] = [];
  const respond = <T>(status: number, body: unknown): NetworkResponse<T> => ({
    headers: { 'content-type': 'application/json' },
    body: body as T,
    status,
  });
  const network: INetworkModule = {
    sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
      seen.push({ method: 'GET', url });
      if (url.startsWith(`${authority}/v2.0/.well-known/openid-configuration`)) {
        return Promise.resolve(
          respond<T>(200, {
            token_endpoint: `${authority}/oauth2/v2.0/token`,
            issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
            authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
            end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
            jwks_uri: `${authority}/discovery/v2.0/keys`,
          }),
        );
      }
      if (url.includes('/discovery/instance')) {
        return Promise.resolve(
          respond<T>(200, {
            tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
            metadata: [
              {
                preferred_network: 'login.microsoftonline.com',
                preferred_cache: 'login.windows.net',
                aliases: ['login.microsoftonline.com', 'login.windows.net'],
              },
            ],
          }),
        );
      }
      return Promise.resolve(respond<T>(404, { error: 'not_found' }));
    },
    sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      const form = new URLSearchParams(options?.body ?? '');
      seen.push({ method: 'POST', url, form });
      const { status, body } = answer(form);
      return Promise.resolve(respond<T>(status, body));
    },
  };
  return { network, seen };
}

const tokenAnswer = (token: string) => ({
  status: 200,
  body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
});

/** A JWT of these claims; msal-node reads claims, Entra ID (here the stand-in) checks signatures. */
function jwt(claims: object): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** The API token a user's client sent the product, which the product exchanges. */
function userAssertion(oid: string): string {
  return jwt({
    aud: `api://avvikelse/${clientId}`,
    iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
    tid: tenantId,
    oid,
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
}

describe('Graph tokens through msal-node', () => {
  it('asks for an app-only token with the client credentials and caches it', async () => {
    const { network, seen } = fakeEntra(() => tokenAnswer('app-token-1'));
    const tokens = createGraphTokenSource(
      { tenantId, clientId, credential: { kind: 'secret', secret: 's3cret' } },
      { networkClient: network },
    );
    expect(await tokens.appToken()).toBe('app-token-1');
    expect(await tokens.appToken()).toBe('app-token-1');
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url.split('?')[0]).toBe(`${authority}/oauth2/v2.0/token`);
    const form = posts[0]?.form;
    expect(form?.get('grant_type')).toBe('client_credentials');
    expect(form?.get('client_id')).toBe(clientId);
    expect(form?.get('client_secret')).toBe('s3cret');
    expect(form?.get('scope')?.split(' ')).toContain(graphScope);
  });

  it('exchanges the user token on behalf of the user, one token per user', async () => {
    let issued = 0;
    const { network, seen } = fakeEntra((form) => {
      // Entra ID answers the exchange with the user's id token and client info too, by which
      // msal-node keeps each user's token apart in its cache.
      const claims = JSON.parse(
        Buffer.from(form.get('assertion')?.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as { oid: string };
      const answer = tokenAnswer(`obo-token-${String(++issued)}`);
      return {
        status: 200,
        body: {
          ...answer.body,
          id_token: jwt({
            aud: clientId,
            iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
            tid: tenantId,
            oid: claims.oid,
            sub: claims.oid,
            preferred_username: `${claims.oid}@example.test`,
            exp: Math.floor(Date.now() / 1000) + 3600,
            iat: Math.floor(Date.now() / 1000),
          }),
          client_info: Buffer.from(JSON.stringify({ uid: claims.oid, utid: tenantId })).toString(
            'base64url',
          ),
          scope: `${graphScope} openid profile`,
        },
      };
    });
    const tokens = createGraphTokenSource(
      { tenantId, clientId, credential: { kind: 'secret', secret: 's3cret' } },
      { networkClient: network },
    );
    const ida = userAssertion('0c0c0c0c-0000-4000-8000-000000000001');
    const per = userAssertion('0c0c0c0c-0000-4000-8000-000000000002');
    expect(await tokens.onBehalfOf(ida)).toBe('obo-token-1');
    expect(await tokens.onBehalfOf(per)).toBe('obo-token-2');
    expect(await tokens.onBehalfOf(ida)).toBe('obo-token-1');
    const forms = seen.filter((s) => s.method === 'POST').map((s) => s.form);
    expect(forms).toHaveLength(2);
    expect(forms[0]?.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(forms[0]?.get('requested_token_use')).toBe('on_behalf_of');
    expect(forms[0]?.get('assertion')).toBe(ida);
    expect(forms[1]?.get('assertion')).toBe(per);
  });

  it('fails with Entra ID’s refusal when the credentials are wrong', async () => {
    const { network } = fakeEntra(() => ({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
        error_codes: [7000215],
      },
    }));
    const tokens = createGraphTokenSource(
      { tenantId, clientId, credential: { kind: 'secret', secret: 'wrong' } },
      { networkClient: network },
    );
    await expect(tokens.appToken()).rejects.toMatchObject({ errorCode: 'invalid_client' });
  });
});
