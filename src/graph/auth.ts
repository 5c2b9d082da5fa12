import {
  ConfidentialClientApplication,
  LogLevel,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';
import type { Logger } from '../core/logger.js';

/**
 * Tokens for Microsoft Graph from Entra ID, through msal-node:
 *
 * - **app-only** (client credentials) for the service's own work: filing, numbering, grants. The
 *   app registration holds `Sites.Selected`, and the registry site alone is granted to it, so the
 *   app can reach nothing else in the tenant.
 * - **on-behalf-of** a signed-in user, for reads that SharePoint should check against its own
 *   permissions (security trimming) as a second gate after the product's access policy.
 *
 * msal-node caches tokens in memory and renews them before they expire. Its logging is routed to
 * ours with personal data switched off.
 */

/** The scope of every Graph token: the permissions the app registration was granted. */
export const graphScope = 'https://graph.microsoft.com/.default';

/** How the app proves who it is: a client secret or (better) a certificate. */
export type AppCredential =
  | { kind: 'secret'; secret: string }
  | {
      kind: 'certificate';
      /** SHA-256 thumbprint of the certificate, hex. */
      thumbprintSha256: string;
      /** The certificate's private key, PEM. */
      privateKeyPem: string;
    };

/** The app registration the service signs in as. */
export interface GraphAppRegistration {
  tenantId: string;
  clientId: string;
  credential: AppCredential;
}

/** What the rest of the product asks for. */
export interface GraphTokenSource {
  /** A token for the app itself (client credentials). */
  appToken(): Promise<string>;
  /** A token for Graph on behalf of the user whose API token is `userAssertion`. */
  onBehalfOf(userAssertion: string): Promise<string>;
}

/** Entra ID answered without a token (msal-node returns null when it has none to give). */
export class TokenUnavailableError extends Error {
  readonly reason = 'noToken' as const;
  constructor(flow: 'clientCredentials' | 'onBehalfOf') {
    super(`Entra ID gave no token (${flow}).`);
    this.name = 'TokenUnavailableError';
  }
}

/** Options for tests and unusual clouds; production uses the defaults. */
export interface TokenSourceOptions {
  logger?: Logger;
  /** msal-node's HTTP client; tests give a loopback stand-in for Entra ID. */
  networkClient?: INetworkModule;
  /** Entra ID's host; the public cloud's by default. */
  authorityHost?: string;
}

/** Makes the token source on msal-node's confidential client. */
export function createGraphTokenSource(
  app: GraphAppRegistration,
  options: TokenSourceOptions = {},
): GraphTokenSource {
  const authorityHost = options.authorityHost ?? 'https://login.microsoftonline.com';
  const logger = options.logger;
  const credential =
    app.credential.kind === 'secret'
      ? { clientSecret: app.credential.secret }
      : {
          clientCertificate: {
            thumbprintSha256: app.credential.thumbprintSha256,
            privateKey: app.credential.privateKeyPem,
          },
        };
  const configuration: Configuration = {
    auth: {
      clientId: app.clientId,
      authority: `${authorityHost}/${app.tenantId}`,
      ...credential,
    },
    system: {
      ...(options.networkClient === undefined ? {} : { networkClient: options.networkClient }),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii || logger === undefined) return;
          switch (level) {
            case LogLevel.Error:
              logger.error({ msal: message }, 'msal-node');
              break;
            case LogLevel.Warning:
              logger.warn({ msal: message }, 'msal-node');
              break;
            case LogLevel.Info:
            case LogLevel.Verbose:
            case LogLevel.Trace:
              break;
          }
        },
      },
    },
  };
  const client = new ConfidentialClientApplication(configuration);
  return {
    async appToken() {
      const result = await client.acquireTokenByClientCredential({ scopes: [graphScope] });
      if (result === null) throw new TokenUnavailableError('clientCredentials');
      return result.accessToken;
    },
    async onBehalfOf(userAssertion: string) {
      const result = await client.acquireTokenOnBehalfOf({
        oboAssertion: userAssertion,
        scopes: [graphScope],
      });
      if (result === null) throw new TokenUnavailableError('onBehalfOf');
      return result.accessToken;
    },
  };
}
