import { z } from 'zod';
import type { LocalizedText } from '../core/i18n.js';
import { toFieldIssues } from '../core/validation.js';

/**
 * Every setting of the product, read once from the environment by one zod schema. A missing or
 * malformed value stops start-up with a message that names the setting in Swedish and English,
 * because the person reading it is an operator at a console, not a developer in a debugger.
 */

/** How the product runs: `local` needs no tenant and no network; `production` uses Entra ID. */
export type Mode = 'local' | 'production';

/** pino's levels, in the order of how much they let through. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of pino's log levels. */
export type LogLevel = (typeof logLevels)[number];

/** Entra ID settings that production mode validates tokens with. */
export interface EntraConfig {
  /** The organisation's own tenant (a GUID). */
  tenantId: string;
  /** The API app registration's application (client) id. */
  clientId: string;
  /** Accepted `aud` values: the App ID URI (`api://<host>/<id>`) when set, and the bare client id. */
  audiences: string[];
  /** Tenants whose users may sign in (`tid` claim); the own tenant unless listed otherwise. */
  allowedTenants: string[];
  /** Entra group object id → routing group key (SPEC §5); empty when group claims are not used. */
  groupMap: Record<string, string>;
}

/** How the app registration proves itself to Entra ID when it calls Microsoft Graph. */
export type GraphCredentialConfig =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; privateKeyFile: string; thumbprintSha256: string };

/** Where cases are kept: the embedded store, or the SharePoint registry through Graph. */
export type StoreConfig =
  | { kind: 'local' }
  | {
      kind: 'sharepoint';
      /** The registry site as Graph names it: `<host>,<site collection id>,<web id>`. */
      siteId: string;
      tenantId: string;
      /** The app registration that calls Graph (the API's own, so on-behalf-of works). */
      clientId: string;
      credential: GraphCredentialConfig;
    };

/** Bot Framework credentials; none of them set means the bot accepts unauthenticated activities (local). */
export interface BotConfig {
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
}

/** The validated settings. */
export interface Config {
  mode: Mode;
  port: number;
  host: string;
  dataDir: string;
  routingFile: string;
  /** The address users and Teams reach the product on, without a trailing slash. */
  publicUrl: string;
  logLevel: LogLevel;
  /** The organisation's own e-mail domains (lower case): the Outlook action marks others external. */
  ownDomains: string[];
  /** Present whenever ENTRA_TENANT_ID and ENTRA_CLIENT_ID are set; always present in production. */
  entra?: EntraConfig;
  bot: BotConfig;
  store: StoreConfig;
  /** The Teams app's id (its manifest `id`): deep links and activity feed notifications. */
  teamsAppId?: string;
  /** Who publishes the app (AVVIKELSE_DEVELOPER_NAME): named on the privacy and terms pages. */
  publisherName?: string;
  /** Requests a minute one person (or, without a valid token, one address) may make to the API. */
  rateLimitPerMinute: number;
  /** How many reverse proxies in front of the product to believe `X-Forwarded-For` from (0: none). */
  trustedProxyHops: number;
}

/** Start-up refused: `settings` lists each missing or invalid setting, the message explains each. */
export class ConfigError extends Error {
  constructor(
    readonly settings: string[],
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** The public URL used when AVVIKELSE_PUBLIC_URL is not set. */
export function defaultPublicUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bilingual reason of one issue travels in zod's `params`, next to whether the value was missing. */
interface SettingProblem {
  text: LocalizedText;
  missing?: boolean;
}

function problem(sv: string, en: string, missing = false): { params: SettingProblem } {
  return { params: { text: { sv, en }, missing } };
}

/** Blank values count as unset, so a copied `.env.example` with empty values means "use the defaults". */
function blankToUndefined(env: unknown): unknown {
  if (typeof env !== 'object' || env === null) return env;
  return Object.fromEntries(
    Object.entries(env).map(([key, value]: [string, unknown]) => [
      key,
      typeof value === 'string' && value.trim() === '' ? undefined : value,
    ]),
  );
}

const text = z.string().trim();

const mode = text
  .refine(
    (value) => value === 'local' || value === 'production',
    problem('ange local eller production.', 'use local or production.'),
  )
  .transform((value): Mode => (value === 'production' ? 'production' : 'local'));

const port = text
  .refine(
    (value) => /^\d{1,5}$/.test(value) && Number(value) <= 65535,
    problem('ange ett portnummer 0–65535.', 'use a port number 0–65535.'),
  )
  .transform(Number);

const url = text.refine(
  (value) => {
    try {
      return /^https?:$/.test(new URL(value).protocol);
    } catch {
      // new URL throws on anything that is not an absolute URL; that is exactly the bad case here.
      return false;
    }
  },
  problem(
    'ange en fullständig adress som börjar med http:// eller https://.',
    'use a full address starting with http:// or https://.',
  ),
);

/** Whether a host name or address is this machine only (local mode hands out demo tokens). */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host)
  );
}

const count = (min: number, max: number) =>
  text
    .refine(
      (value) => /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max,
      problem(`ange ett heltal ${min}–${max}.`, `use a whole number ${min}–${max}.`),
    )
    .transform(Number);

const logLevel = text
  .refine(
    (value) => (logLevels as readonly string[]).includes(value),
    problem(`ange en av ${logLevels.join(', ')}.`, `use one of ${logLevels.join(', ')}.`),
  )
  .transform((value) => value as LogLevel);

const guid = text.refine(
  (value) => guidPattern.test(value),
  problem(
    'ange ett id i GUID-form (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).',
    'use an id in GUID form (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).',
  ),
);

const guidList = text
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .refine(
    (items) => items.length > 0 && items.every((item) => guidPattern.test(item)),
    problem(
      'ange en kommaseparerad lista med tenant-id i GUID-form.',
      'use a comma-separated list of tenant ids in GUID form.',
    ),
  );

const groupMapShape = z.record(z.string().trim().min(1), z.string().trim().min(1));
const groupMapHint = problem(
  'ange ett JSON-objekt från Entra-gruppens objekt-id till routinggruppens nyckel, t.ex. {"<objekt-id>":"lexSarahOfficer"}.',
  'use a JSON object from Entra group object id to routing group key, e.g. {"<object-id>":"lexSarahOfficer"}.',
);
const groupMap = text.transform((value, ctx): Record<string, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // The JSON parser's own message is English-only and may echo the value; ours says what to write.
    ctx.addIssue({ code: 'custom', input: value, ...groupMapHint });
    return z.NEVER;
  }
  const result = groupMapShape.safeParse(parsed);
  if (!result.success) {
    ctx.addIssue({ code: 'custom', input: value, ...groupMapHint });
    return z.NEVER;
  }
  return result.data;
});

const optionalText = text.min(1);

const storeKind = text
  .refine(
    (value) => value === 'local' || value === 'sharepoint',
    problem('ange local eller sharepoint.', 'use local or sharepoint.'),
  )
  .transform((value): StoreConfig['kind'] => (value === 'sharepoint' ? 'sharepoint' : 'local'));

// Graph's site id: the host name, the site collection's id and the web's id, comma-separated.
const siteId = text.refine(
  (value) =>
    /^[a-z0-9.-]+\.[a-z]{2,},[0-9a-f-]{36},[0-9a-f-]{36}$/i.test(value) &&
    value
      .split(',')
      .slice(1)
      .every((part) => guidPattern.test(part)),
  problem(
    'ange webbplatsens id som Graph ger det: <värd>,<id för webbplatssamlingen>,<webbens id> (GET /sites/<värd>:/sites/<namn>).',
    "use the site's id as Graph gives it: <host>,<site collection id>,<web id> (GET /sites/<host>:/sites/<name>).",
  ),
);

const thumbprint = text.refine(
  (value) => /^[0-9a-f]{64}$/i.test(value.replace(/:/g, '')),
  problem(
    'ange certifikatets SHA-256-tumavtryck (64 hexadecimala tecken).',
    "use the certificate's SHA-256 thumbprint (64 hexadecimal characters).",
  ),
);

/** A domain name such as `stockholm.se`: labels of letters, digits and hyphens, two or more. */
const domainPattern = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;
const domainList = text
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim().toLowerCase().replace(/^@/, ''))
      .filter((item) => item !== ''),
  )
  .refine(
    (items) => items.length > 0 && items.every((item) => domainPattern.test(item)),
    problem(
      'ange en kommaseparerad lista med domäner, t.ex. stockholm.se,edu.stockholm.se.',
      'use a comma-separated list of domains, e.g. stockholm.se,edu.stockholm.se.',
    ),
  );

// The unified manifest's schema allows at most 32 characters for `developer.name`.
const developerName = text.refine(
  (value) => value.length >= 1 && value.length <= 32,
  problem('ange ett namn på 1–32 tecken.', 'use a name of 1–32 characters.'),
);

/** Every setting the product reads, with its parsing; `.env.example` must list exactly these. */
const envShape = {
  AVVIKELSE_MODE: mode.default('local'),
  PORT: port.optional(),
  HOST: optionalText.default('127.0.0.1'),
  AVVIKELSE_DATA_DIR: optionalText.default('./.data'),
  AVVIKELSE_ROUTING_FILE: optionalText.default('config/routing.json'),
  AVVIKELSE_PUBLIC_URL: url.optional(),
  LOG_LEVEL: logLevel.default('info'),
  AVVIKELSE_OWN_DOMAINS: domainList.optional(),
  ENTRA_TENANT_ID: guid.optional(),
  ENTRA_CLIENT_ID: guid.optional(),
  ENTRA_API_AUDIENCE: optionalText.optional(),
  ENTRA_ALLOWED_TENANTS: guidList.optional(),
  ENTRA_ROLE_GROUPS: groupMap.optional(),
  MICROSOFT_APP_ID: optionalText.optional(),
  // Secrets are not trimmed: whatever the operator pasted is what the Bot Framework gets.
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TENANT_ID: optionalText.optional(),
  AVVIKELSE_STORE: storeKind.default('local'),
  SHAREPOINT_SITE_ID: siteId.optional(),
  // Secrets are not trimmed, as above.
  ENTRA_CLIENT_SECRET: z.string().optional(),
  ENTRA_CERTIFICATE_FILE: optionalText.optional(),
  ENTRA_CERTIFICATE_THUMBPRINT: thumbprint.optional(),
  TEAMS_APP_ID: guid.optional(),
  AVVIKELSE_RATE_LIMIT_PER_MINUTE: count(1, 100_000).default(300),
  AVVIKELSE_TRUSTED_PROXY_HOPS: count(0, 10).default(0),
  // Read by `npm run package` only (loadPackageSettings); the server does not use them.
  OUTLOOK_ADDIN_ID: guid.optional(),
  AVVIKELSE_DEVELOPER_NAME: developerName.optional(),
};

/** The names of all settings, for the check that `.env.example` and the README list them all. */
export const settingNames = Object.keys(envShape) as (keyof typeof envShape)[];

const envSchema = z
  .preprocess(blankToUndefined, z.object(envShape))
  .superRefine((env, ctx) => {
    const require = (names: readonly (keyof typeof env)[], sv: string, en: string): void => {
      for (const name of names) {
        if (env[name] !== undefined) continue;
        ctx.addIssue({ code: 'custom', path: [name], input: undefined, ...problem(sv, en, true) });
      }
    };
    const invalid = (name: keyof typeof env, sv: string, en: string): void => {
      ctx.addIssue({ code: 'custom', path: [name], input: env[name], ...problem(sv, en) });
    };
    if (env.AVVIKELSE_MODE === 'production') {
      require([
        'ENTRA_TENANT_ID',
        'ENTRA_CLIENT_ID',
        'AVVIKELSE_PUBLIC_URL',
      ], 'den krävs när AVVIKELSE_MODE=production.', 'it is required when AVVIKELSE_MODE=production.');
      // Tokens travel in every request, and Teams and Outlook load only https pages.
      if (
        env.AVVIKELSE_PUBLIC_URL !== undefined &&
        !env.AVVIKELSE_PUBLIC_URL.startsWith('https://')
      ) {
        invalid(
          'AVVIKELSE_PUBLIC_URL',
          'i produktionsläge måste adressen börja med https://.',
          'in production mode the address must start with https://.',
        );
      }
      // A configured bot checks every Bot Framework token; new Azure Bots are single-tenant.
      if (env.MICROSOFT_APP_ID !== undefined) {
        require([
          'MICROSOFT_APP_PASSWORD',
          'MICROSOFT_APP_TENANT_ID',
        ], 'boten behöver sin hemlighet och sin tenant när MICROSOFT_APP_ID är satt i produktionsläge.', 'the bot needs its secret and its tenant when MICROSOFT_APP_ID is set in production mode.');
      }
    } else if (!isLoopbackHost(env.HOST)) {
      // Local mode signs a token for anyone who asks (/dev/token): never beyond this machine.
      invalid(
        'HOST',
        'lokalt läge delar ut demotoken till alla som når servern; använd 127.0.0.1 (eller AVVIKELSE_MODE=production).',
        'local mode hands out demo tokens to anyone who reaches the server; use 127.0.0.1 (or AVVIKELSE_MODE=production).',
      );
    }
    if (env.AVVIKELSE_STORE === 'sharepoint') {
      require([
        'SHAREPOINT_SITE_ID',
        'ENTRA_TENANT_ID',
        'ENTRA_CLIENT_ID',
      ], 'den krävs när AVVIKELSE_STORE=sharepoint.', 'it is required when AVVIKELSE_STORE=sharepoint.');
      const certificate =
        env.ENTRA_CERTIFICATE_FILE !== undefined || env.ENTRA_CERTIFICATE_THUMBPRINT !== undefined;
      if (certificate) {
        require([
          'ENTRA_CERTIFICATE_FILE',
          'ENTRA_CERTIFICATE_THUMBPRINT',
        ], 'ett certifikat behöver både ENTRA_CERTIFICATE_FILE och ENTRA_CERTIFICATE_THUMBPRINT.', 'a certificate needs both ENTRA_CERTIFICATE_FILE and ENTRA_CERTIFICATE_THUMBPRINT.');
      } else {
        require([
          'ENTRA_CLIENT_SECRET',
        ], 'Graph behöver en hemlighet eller ett certifikat (ENTRA_CERTIFICATE_FILE och ENTRA_CERTIFICATE_THUMBPRINT) när AVVIKELSE_STORE=sharepoint.', 'Graph needs a secret or a certificate (ENTRA_CERTIFICATE_FILE and ENTRA_CERTIFICATE_THUMBPRINT) when AVVIKELSE_STORE=sharepoint.');
      }
    }
  })
  .transform((env): Config => {
    const port = env.PORT ?? 3978;
    const tenantId = env.ENTRA_TENANT_ID;
    const clientId = env.ENTRA_CLIENT_ID;
    const publicUrl = (env.AVVIKELSE_PUBLIC_URL ?? defaultPublicUrl(port)).replace(/\/+$/, '');
    // Teams SSO asks for a token on the App ID URI `api://<host>/<client id>` (the manifest's
    // webApplicationInfo.resource), so production accepts that audience without being told.
    const apiAudience =
      env.ENTRA_API_AUDIENCE ??
      (env.AVVIKELSE_MODE === 'production' && clientId !== undefined
        ? `api://${new URL(publicUrl).host}/${clientId}`
        : undefined);
    return {
      mode: env.AVVIKELSE_MODE,
      port,
      host: env.HOST,
      dataDir: env.AVVIKELSE_DATA_DIR,
      routingFile: env.AVVIKELSE_ROUTING_FILE,
      publicUrl,
      logLevel: env.LOG_LEVEL,
      ownDomains: env.AVVIKELSE_OWN_DOMAINS ?? [],
      entra:
        tenantId === undefined || clientId === undefined
          ? undefined
          : {
              tenantId,
              clientId,
              audiences: [
                ...new Set([...(apiAudience === undefined ? [] : [apiAudience]), clientId]),
              ],
              allowedTenants: env.ENTRA_ALLOWED_TENANTS ?? [tenantId],
              groupMap: env.ENTRA_ROLE_GROUPS ?? {},
            },
      bot: {
        appId: env.MICROSOFT_APP_ID,
        appPassword: env.MICROSOFT_APP_PASSWORD,
        appTenantId: env.MICROSOFT_APP_TENANT_ID,
      },
      store: storeConfig(env),
      ...(env.TEAMS_APP_ID === undefined ? {} : { teamsAppId: env.TEAMS_APP_ID }),
      ...(env.AVVIKELSE_DEVELOPER_NAME === undefined
        ? {}
        : { publisherName: env.AVVIKELSE_DEVELOPER_NAME }),
      rateLimitPerMinute: env.AVVIKELSE_RATE_LIMIT_PER_MINUTE,
      trustedProxyHops: env.AVVIKELSE_TRUSTED_PROXY_HOPS,
    };
  });

/** The store settings, once superRefine has made sure the SharePoint ones are all there. */
function storeConfig(env: {
  AVVIKELSE_STORE: StoreConfig['kind'];
  SHAREPOINT_SITE_ID?: string | undefined;
  ENTRA_TENANT_ID?: string | undefined;
  ENTRA_CLIENT_ID?: string | undefined;
  ENTRA_CLIENT_SECRET?: string | undefined;
  ENTRA_CERTIFICATE_FILE?: string | undefined;
  ENTRA_CERTIFICATE_THUMBPRINT?: string | undefined;
}): StoreConfig {
  const { SHAREPOINT_SITE_ID: site, ENTRA_TENANT_ID: tenant, ENTRA_CLIENT_ID: client } = env;
  if (
    env.AVVIKELSE_STORE === 'local' ||
    site === undefined ||
    tenant === undefined ||
    client === undefined
  ) {
    return { kind: 'local' };
  }
  const file = env.ENTRA_CERTIFICATE_FILE;
  const thumbprintSha256 = env.ENTRA_CERTIFICATE_THUMBPRINT?.replace(/:/g, '').toLowerCase();
  const credential: GraphCredentialConfig =
    file !== undefined && thumbprintSha256 !== undefined
      ? { kind: 'certificate', privateKeyFile: file, thumbprintSha256 }
      : { kind: 'secret', secret: env.ENTRA_CLIENT_SECRET ?? '' };
  return { kind: 'sharepoint', siteId: site, tenantId: tenant, clientId: client, credential };
}

function isProblem(value: unknown): value is SettingProblem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = (value as { text?: unknown }).text;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof (candidate as LocalizedText).sv === 'string' &&
    typeof (candidate as LocalizedText).en === 'string'
  );
}

function describe(issue: z.core.$ZodIssue): { setting: string; sv: string; en: string } {
  const setting = issue.path.map(String).join('.') || '(miljön / environment)';
  const params = issue.code === 'custom' ? issue.params : undefined;
  if (isProblem(params)) {
    return params.missing === true
      ? {
          setting,
          sv: `Inställningen ${setting} saknas: ${params.text.sv}`,
          en: `The setting ${setting} is missing: ${params.text.en}`,
        }
      : {
          setting,
          sv: `Inställningen ${setting} är ogiltig: ${params.text.sv}`,
          en: `The setting ${setting} is invalid: ${params.text.en}`,
        };
  }
  // Anything the custom checks did not foresee still gets the shared bilingual zod wording.
  const [fallback] = toFieldIssues([issue]);
  const labelled = fallback?.message ?? { sv: 'Ogiltigt värde.', en: 'Invalid value.' };
  const unlabel = (message: string): string =>
    message.startsWith(`${setting}: `) ? message.slice(setting.length + 2) : message;
  const what = { sv: unlabel(labelled.sv), en: unlabel(labelled.en) };
  return {
    setting,
    sv: `Inställningen ${setting} är ogiltig: ${what.sv}`,
    en: `The setting ${setting} is invalid: ${what.en}`,
  };
}

/** One ConfigError for every issue zod found, each setting named in Swedish and English. */
function configError(
  error: z.ZodError,
  heading: LocalizedText = {
    sv: 'Avvikelse kan inte starta: inställningarna behöver rättas.',
    en: 'Avvikelse cannot start: the settings need fixing.',
  },
): ConfigError {
  const problems = error.issues.map(describe);
  const lines = problems.map((p) => `- ${p.sv}\n  ${p.en}`);
  return new ConfigError(
    [...new Set(problems.map((p) => p.setting))],
    `${heading.sv}\n${heading.en}\n${lines.join('\n')}`,
    { cause: error },
  );
}

/** Parses every setting from `env` once; throws ConfigError naming each missing or invalid one. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  throw configError(result.error);
}

/** The values `npm run package` fills the manifest templates' `${{NAME}}` placeholders with. */
export interface PackageSettings {
  TEAMS_APP_ID: string;
  OUTLOOK_ADDIN_ID: string;
  BOT_ID: string;
  ENTRA_CLIENT_ID: string;
  /** The host of AVVIKELSE_PUBLIC_URL, e.g. `avvikelse.stockholm.se`. */
  AVVIKELSE_HOST: string;
  APP_VERSION: string;
  DEVELOPER_NAME: string;
}

const packageShape = {
  TEAMS_APP_ID: guid.optional(),
  OUTLOOK_ADDIN_ID: guid.optional(),
  // The manifest's bot id is the Azure Bot's app id, which Entra gives as a GUID.
  MICROSOFT_APP_ID: guid.optional(),
  ENTRA_CLIENT_ID: guid.optional(),
  AVVIKELSE_PUBLIC_URL: url.optional(),
  AVVIKELSE_DEVELOPER_NAME: developerName.optional(),
};
const packageSettingNames = Object.keys(packageShape) as (keyof typeof packageShape)[];

const packageSchema = z
  .preprocess(blankToUndefined, z.object(packageShape))
  .superRefine((env, ctx) => {
    for (const name of packageSettingNames) {
      if (env[name] !== undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [name],
        input: undefined,
        ...problem('den behövs för appaketet.', 'the app package needs it.', true),
      });
    }
    const address = env.AVVIKELSE_PUBLIC_URL;
    if (address !== undefined && !address.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['AVVIKELSE_PUBLIC_URL'],
        input: address,
        ...problem(
          'Teams och Outlook öppnar bara sidor på https://.',
          'Teams and Outlook open only https:// pages.',
        ),
      });
    }
  });

/**
 * The app package's values from the same settings the server reads (TEAMS_APP_ID,
 * MICROSOFT_APP_ID, ENTRA_CLIENT_ID, AVVIKELSE_PUBLIC_URL) and the two only the package needs;
 * throws ConfigError naming each missing or invalid one.
 */
export function loadPackageSettings(env: NodeJS.ProcessEnv, version: string): PackageSettings {
  const result = packageSchema.safeParse(env);
  if (!result.success) {
    throw configError(result.error, {
      sv: 'Appaketet kan inte byggas: inställningarna behöver rättas.',
      en: 'The app package cannot be built: the settings need fixing.',
    });
  }
  const value = (name: keyof typeof result.data): string => result.data[name] ?? '';
  return {
    TEAMS_APP_ID: value('TEAMS_APP_ID'),
    OUTLOOK_ADDIN_ID: value('OUTLOOK_ADDIN_ID'),
    BOT_ID: value('MICROSOFT_APP_ID'),
    ENTRA_CLIENT_ID: value('ENTRA_CLIENT_ID'),
    AVVIKELSE_HOST: new URL(value('AVVIKELSE_PUBLIC_URL')).host,
    APP_VERSION: version,
    DEVELOPER_NAME: value('AVVIKELSE_DEVELOPER_NAME'),
  };
}
