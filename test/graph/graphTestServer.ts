/**
 * A strict loopback stand-in for the part of Microsoft Graph v1.0 that the SharePoint store uses:
 * one site, its document library (a drive whose items are also list items with columns) and its
 * lists, plus JSON `$batch` and upload sessions. It answers on 127.0.0.1 only and refuses what
 * Graph refuses — a missing or unknown bearer token, an unknown path, a wrong method, malformed
 * JSON, a stale eTag, a taken name, a 21-request batch, a fragment that is not a multiple of
 * 320 KiB — with Graph's error body, so a client that passes here has met Graph's rules, not ours.
 *
 * Faults come on demand, modelled on Dev Proxy's GraphRandomErrorPlugin: a seeded failure rate
 * answering 429/503 with `Retry-After`, added latency, dropped connections (before or after the
 * request took effect) and throttled sub-responses inside a 200 `$batch`. Every request is counted
 * by method and path pattern so tests and the bench can report requests per filing.
 *
 * Also modelled: moving and renaming drive items, creating generic lists and their columns (typed,
 * single-line text capped at 255 characters, at most 20 indexed columns), sharing invitations with
 * SharePoint's unique-scope counting (50,000 scopes per library; no break of inheritance over more
 * than 100,000 items), and Teams activity feed notifications.
 *
 * Not modelled yet: `$orderby`, document libraries created through Graph, sharing links, document
 * sets, column types other than text, number, boolean and dateTime.
 *
 * Pre-authenticated URLs (upload sessions, downloads) name a SharePoint host under `.test`, which
 * never resolves: a client reaches them only through its loopback rewrite, as it reaches Graph.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** Graph's production origin; requests arrive here rewritten to the loopback origin. */
export const graphOrigin = 'https://graph.microsoft.com';
/** Upload fragments must be multiples of this many bytes, except the last (Graph docs). */
export const uploadFragmentUnit = 320 * 1024;
/** The largest fragment one PUT to an upload session may carry (Graph docs: under 60 MiB). */
export const maxFragmentBytes = 60 * 1024 * 1024;
/** The largest simple upload (`PUT …/content`) Graph accepts: 250 MB. */
export const defaultMaxSimpleUploadBytes = 250 * 1024 * 1024;
/** The most requests one JSON batch may hold. */
export const maxBatchRequests = 20;
/** The header that lets a list query filter on columns that are not indexed. */
export const nonIndexedQueryPreference = 'HonorNonIndexedQueriesWarningMayFailRandomly';

const jsonContentType =
  'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
const defaultPageSize = 200;
const maxPageSize = 5000;
const maxNameLength = 255;

/** The most characters a single line of text holds (SharePoint's Text field). */
export const maxSingleLineTextLength = 255;
/** The most characters a plain multiple-lines-of-text field holds (SharePoint's Note field). */
export const maxMultilineTextLength = 63_999;
/** The most indexed columns one list may have (SharePoint's limit). */
export const maxIndexedColumns = 20;
/** SharePoint's hard limit of unique permission scopes in one list or library. */
export const defaultMaxUniqueScopes = 50_000;
/** SharePoint cannot break inheritance on a folder holding more items than this. */
export const defaultMaxItemsForBreakingInheritance = 100_000;

/** The type of a list column; values are checked against it on every write. */
export type ColumnType = 'text' | 'number' | 'boolean' | 'dateTime';

/** One column of a list or of the document library. */
export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  /** Indexed columns may be filtered on without the non-indexed-query preference header. */
  indexed?: boolean;
  /**
   * For text columns: multiple lines of text (SharePoint's Note field), without the 255-character
   * limit of a single line. Such columns cannot be indexed.
   */
  multiline?: boolean;
}

/** A role a sharing permission grants. */
export type PermissionRole = 'read' | 'write' | 'owner';

/** Who a permission is granted to. */
export interface Grantee {
  kind: 'siteGroup' | 'group' | 'user';
  /** The SharePoint group id, Entra object id, or nothing for a user invited by email. */
  id?: string;
  email?: string;
  displayName?: string;
}

/** A permission on the library root, which every item inherits until it breaks inheritance. */
export interface GrantDefinition {
  roles: readonly PermissionRole[];
  grantee: Grantee;
}

/** What {@link GraphTestServer.permissionsOf} reports of one effective permission. */
export interface EffectivePermission {
  id: string;
  roles: PermissionRole[];
  grantee: Grantee;
  /** The drive path of the item the permission is inherited from ('' for the root), if inherited. */
  inheritedFrom?: string;
}

/** SharePoint's limits on unique permission scopes; tests pass small numbers. */
export interface ScopeLimits {
  /** Unique scopes one library may hold, the root's included; default 50,000. */
  maxUniqueScopes?: number;
  /** Inheritance cannot be broken on an item whose subtree holds more items; default 100,000. */
  maxItemsForBreakingInheritance?: number;
}

/** A signed-in person, as far as permissions go. */
export interface DelegatedUser {
  /** The bearer token their requests carry. */
  token: string;
  /** Their Entra object id. */
  objectId: string;
  /** Entra groups they belong to (object ids). */
  groups?: readonly string[];
  /** SharePoint site groups they belong to ('3' Owners, '4' Visitors, '5' Members). */
  siteGroups?: readonly string[];
}

/** A Teams activity feed notification the server accepted. */
export interface SentNotification {
  teamId: string;
  body: Record<string, unknown>;
}

/** A generic list to seed; its id is a GUID the server chooses, its name addresses it too. */
export interface ListDefinition {
  name: string;
  columns?: readonly ColumnDefinition[];
}

/** Random faults, modelled on Dev Proxy's GraphRandomErrorPlugin; all draws use one seeded PRNG. */
export interface FaultOptions {
  /** Share (0–1) of requests answered with one of `failureStatuses` instead of being served. */
  failureRate?: number;
  /** Statuses a failure picks from, uniformly; default 429 and 503. */
  failureStatuses?: readonly number[];
  /** `Retry-After` seconds on injected 429/503 (Dev Proxy's default: 5); `null` sends none. */
  retryAfterSeconds?: number | null;
  /** Share (0–1) of `$batch` sub-requests answered 429 inside a 200 batch. */
  batchItemFailureRate?: number;
  /** Share (0–1) of requests whose connection is destroyed without an answer. */
  dropRate?: number;
  /** Whether a dropped request took effect before the drop (the hard case for idempotency). */
  dropAfterHandling?: boolean;
  /** Added latency per request in ms: fixed, or drawn from [min, max]. */
  latencyMs?: number | readonly [number, number];
  /** Seed of the PRNG, so a failing run can be replayed. */
  seed?: number;
}

/** One failure to inject deterministically, before any random one. */
export interface InjectedFailure {
  status: number;
  /** Graph error code; a sensible one for the status when left out. */
  code?: string;
  /** `Retry-After` seconds; none when left out or `null`. */
  retryAfterSeconds?: number | null;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Only requests with this method. */
  method?: string;
  /** Only requests with this path pattern (as in `stats()`), e.g. `/sites/{site-id}/lists/{list-id}/items`. */
  pattern?: string;
  /** `request` (default) fails whole HTTP requests; `batchItem` fails sub-requests of a `$batch`. */
  scope?: 'request' | 'batchItem';
}

/** How the server is set up. */
export interface GraphTestServerOptions {
  /** Bearer tokens it accepts for the app (app-only); default `['test-token']`. */
  tokens?: readonly string[];
  /**
   * Signed-in people whose delegated tokens (on-behalf-of) it accepts. Their reads are trimmed
   * by SharePoint's permissions, as Graph trims them: an item they have no grant on, directly or
   * through a group, is refused (403 accessDenied). They may not write here (the product only
   * reads as a user).
   */
  users?: readonly DelegatedUser[];
  /** Columns of the document library besides the built-in ones (Title, FileLeafRef). */
  libraryColumns?: readonly ColumnDefinition[];
  /** Generic lists that exist from the start. */
  lists?: readonly ListDefinition[];
  faults?: FaultOptions;
  maxSimpleUploadBytes?: number;
  /** Host named in pre-authenticated upload and download URLs. */
  sharePointHost?: string;
  scopeLimits?: ScopeLimits;
  /** Permissions of the library root; default the site's Owners, Members and Visitors groups. */
  rootGrants?: readonly GrantDefinition[];
  /** Ids of the teams that exist for `sendActivityNotification`; default one random GUID. */
  teams?: readonly string[];
  /**
   * Activity types the Teams app manifest declares; when given, any other type except the
   * reserved `systemDefault` is refused, as Graph refuses types the manifest does not declare.
   */
  activityTypes?: readonly string[];
}

/** One request as the server saw it. */
export interface RequestLogEntry {
  method: string;
  pattern: string;
  /** The HTTP status answered, or `dropped`. */
  status: number | 'dropped';
  /** A sub-request of a `$batch` rather than an HTTP request of its own. */
  batched: boolean;
  /** The decoded drive path addressed with `root:/…:` or `items/{id}:/…:`, if any. */
  drivePath?: string;
  /** The sub-request id, for batched requests. */
  batchItemId?: string;
  /** What the fault injection did to it, if anything. */
  injected?: 'failure' | 'drop';
}

/** Request counts: HTTP requests and batched sub-requests, by `METHOD pattern`. */
export interface RequestStats {
  requests: number;
  byPattern: Record<string, number>;
  batchedRequests: number;
  batchedByPattern: Record<string, number>;
  injectedFailures: number;
  droppedConnections: number;
  /** Unique permission scopes in the library now (the root counts as one). */
  uniqueScopes: number;
}

/** A value of a list column. */
type FieldValue = string | number | boolean | null;

interface ListItemModel {
  id: string;
  guid: string;
  version: number;
  fields: Record<string, FieldValue>;
  created: string;
  modified: string;
  driveItemId?: string;
}

/** A column as the server keeps it: the definition plus what Graph reports of it. */
interface ColumnModel {
  id: string;
  name: string;
  displayName: string;
  type: ColumnType;
  indexed: boolean;
  multiline: boolean;
  dateFormat: 'dateTime' | 'dateOnly';
}

interface ListModel {
  id: string;
  name: string;
  template: 'genericList' | 'documentLibrary';
  columns: Map<string, ColumnModel>;
  items: Map<string, ListItemModel>;
  nextItemId: number;
  created: string;
}

interface DriveNode {
  id: string;
  name: string;
  parentId: string | null;
  folder: boolean;
  content: Buffer;
  mimeType: string;
  created: string;
  modified: string;
  /** The library list item carrying this item's columns; the root has none. */
  listItemId: string | null;
  /** Lower-cased name → child id: SharePoint names are unique regardless of case. */
  children: Map<string, string>;
  /** Its own permissions when it is a unique scope; null while it inherits. The root has some. */
  grants: Grant[] | null;
}

interface Grant {
  /** Derived from the grantee, as SharePoint's permission ids are, so copies keep their id. */
  id: string;
  roles: PermissionRole[];
  grantee: Grantee;
  /** Set for grants made by inviting an email address. */
  invitedEmail?: string;
}

type ConflictBehavior = 'fail' | 'rename' | 'replace';

interface UploadSession {
  id: string;
  parentId: string;
  name: string;
  conflictBehavior: ConflictBehavior;
  /** Set by the first fragment's Content-Range; every later one must agree. */
  total: number | null;
  received: Buffer[];
  next: number;
  expires: number;
}

/** A request inside the server: an HTTP request or a `$batch` sub-request. */
interface Incoming {
  method: string;
  /** The path after `/v1.0`, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Map<string, string>;
  body: Buffer;
  batched: boolean;
}

interface Outgoing {
  status: number;
  headers: Record<string, string>;
  json?: unknown;
  bytes?: Buffer;
}

/** Thrown by handlers; answered with Graph's error body. */
class GraphProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** SharePoint's more specific code, which Graph passes on as `innerError.code`. */
    readonly innerCode?: string,
  ) {
    super(message);
  }
}

const defaultCodes: Record<number, string> = {
  400: 'invalidRequest',
  401: 'InvalidAuthenticationToken',
  403: 'accessDenied',
  404: 'itemNotFound',
  409: 'nameAlreadyExists',
  412: 'preconditionFailed',
  429: 'activityLimitReached',
  500: 'generalException',
  502: 'badGateway',
  503: 'serviceNotAvailable',
  504: 'gatewayTimeout',
  507: 'quotaLimitReached',
};

/** mulberry32: small, fast and good enough to make fault injection reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function graphId(): string {
  return `01${randomUUID().replace(/-/g, '').toUpperCase()}`;
}

function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Why SharePoint would refuse a file or folder name, or null when it is fine. */
function nameProblem(name: string): string | null {
  if (name.length === 0) return 'The name is empty.';
  if (name.length > maxNameLength) return `The name is longer than ${maxNameLength} characters.`;
  if (/["*:<>?/\\|]/.test(name)) return 'The name contains a character SharePoint forbids.';
  if (name !== name.trim()) return 'The name starts or ends with a space.';
  if (name.endsWith('.')) return 'The name ends with a period.';
  if (name.startsWith('~$') || name.includes('_vti_')) return 'The name is reserved.';
  if (/^(con|prn|aux|nul|com\d|lpt\d|\.lock|desktop\.ini)$/i.test(name)) {
    return 'The name is reserved.';
  }
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray % is the client's encoding bug; Graph answers it as a bad request.
    throw new GraphProblem(400, 'invalidRequest', 'The path is not validly percent-encoded.');
  }
}

function stripQuotes(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function conflictBehaviorOf(value: unknown, fallback: ConflictBehavior): ConflictBehavior {
  if (value === undefined || value === null) return fallback;
  if (value === 'fail' || value === 'rename' || value === 'replace') return value;
  throw new GraphProblem(
    400,
    'invalidRequest',
    'The conflict behavior must be fail, rename or replace.',
  );
}

const conflictBehaviorKey = '@microsoft.graph.conflictBehavior';

const createChildSchema = z
  .object({
    name: z.string(),
    folder: z.object({}).loose().optional(),
    file: z.object({}).loose().optional(),
    [conflictBehaviorKey]: z.string().optional(),
  })
  .loose();

const uploadSessionSchema = z
  .object({
    item: z
      .object({
        [conflictBehaviorKey]: z.string().optional(),
        name: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fieldValueSetSchema = z.record(z.string(), fieldValueSchema);
const createListItemSchema = z.object({ fields: fieldValueSetSchema }).loose();

const batchSchema = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});

/**
 * A drive item update. Graph updates other properties too (description, fileSystemInfo …); this
 * server models only moving and renaming, so it refuses the rest rather than ignore it.
 */
const updateDriveItemSchema = z
  .object({
    name: z.string().optional(),
    parentReference: z
      .object({ id: z.string().min(1), driveId: z.string().optional() })
      .strict()
      .optional(),
    [conflictBehaviorKey]: z.string().optional(),
    '@odata.type': z.literal('#microsoft.graph.driveItem').optional(),
  })
  .strict();

/**
 * A columnDefinition to create, with the four type facets this server models. Graph has more
 * (choice, lookup, personOrGroup, currency …) and more properties (required, enforceUniqueValues
 * …); they are refused here, so a client never relies on something the server ignored.
 */
const columnDefinitionSchema = z
  .object({
    name: z.string(),
    displayName: z.string().min(1).optional(),
    description: z.string().optional(),
    indexed: z.boolean().optional(),
    text: z
      .object({
        allowMultipleLines: z.boolean().optional(),
        maxLength: z.number().int().optional(),
        textType: z.literal('plain').optional(),
      })
      .strict()
      .optional(),
    number: z.object({}).strict().optional(),
    boolean: z.object({}).strict().optional(),
    dateTime: z
      .object({
        format: z.enum(['dateTime', 'dateOnly']).optional(),
        displayAs: z.literal('default').optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const createListSchema = z
  .object({
    displayName: z.string().min(1),
    description: z.string().optional(),
    columns: z.array(columnDefinitionSchema).optional(),
    // Graph's docs: without the list facet or its template, the list is a genericList.
    list: z.object({ template: z.string().optional() }).strict().optional(),
  })
  .strict();

/** Updating a column: only its index is modelled. */
const updateColumnSchema = z.object({ indexed: z.boolean() }).strict();

const inviteSchema = z
  .object({
    recipients: z
      .array(
        z
          .object({
            email: z.string().optional(),
            objectId: z.string().optional(),
            '@odata.type': z.literal('microsoft.graph.driveRecipient').optional(),
          })
          .strict(),
      )
      .min(1),
    roles: z.array(z.enum(['read', 'write', 'owner'])).min(1),
    requireSignIn: z.boolean().optional(),
    sendInvitation: z.boolean().optional(),
    // Graph's docs: a plain text message of at most 2,000 characters.
    message: z.string().max(2000).optional(),
    // Graph's docs: true (the default) keeps the inherited permissions when sharing breaks
    // inheritance for the first time; false starts the new scope empty.
    retainInheritedPermissions: z.boolean().optional(),
    // Graph's docs: on SharePoint an expiry applies to sharing links only, not to invitations.
    expirationDateTime: z.never().optional(),
  })
  .strict();

const activityNotificationSchema = z
  .object({
    topic: z
      .object({
        source: z.enum(['entityUrl', 'text']),
        value: z.string().min(1),
        webUrl: z.string().optional(),
      })
      .strict(),
    activityType: z.string().min(1),
    chainId: z.number().int().optional(),
    previewText: z
      .object({ content: z.string(), contentType: z.enum(['text', 'html']).optional() })
      .strict(),
    recipient: z
      .object({
        '@odata.type': z.string(),
        userId: z.string().min(1).optional(),
        teamId: z.string().min(1).optional(),
        channelId: z.string().min(1).optional(),
      })
      .strict(),
    templateParameters: z
      .array(z.object({ name: z.string().min(1), value: z.string() }).strict())
      .optional(),
    teamsAppId: z.string().min(1).optional(),
    iconId: z.string().min(1).optional(),
  })
  .strict();

/** Internal column names: letters, digits and underscores, as SharePoint's static names. */
const columnNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * SharePoint cuts internal names at 32 characters; refusing longer ones keeps a client from
 * addressing a field by a name the real list does not have (the docs say nothing of a limit).
 */
const maxColumnNameLength = 32;
/** Field names every item has already, which a new column cannot take. */
const builtInFieldNames = ['id', 'Created', 'Modified', 'ContentType', 'Attachments'];

function columnModel(definition: ColumnDefinition): ColumnModel {
  if (definition.multiline === true && definition.type !== 'text') {
    throw new RangeError(`Column ${definition.name}: only text columns can be multiline.`);
  }
  if (definition.multiline === true && definition.indexed === true) {
    throw new RangeError(`Column ${definition.name}: a multiline text column cannot be indexed.`);
  }
  return {
    id: randomUUID(),
    name: definition.name,
    displayName: definition.name,
    type: definition.type,
    indexed: definition.indexed ?? false,
    multiline: definition.multiline ?? false,
    dateFormat: 'dateTime',
  };
}

function columnMap(definitions: readonly ColumnDefinition[]): Map<string, ColumnModel> {
  const columns = new Map(definitions.map((d) => [d.name, columnModel(d)]));
  const indexed = [...columns.values()].filter((c) => c.indexed).length;
  if (indexed > maxIndexedColumns) {
    throw new RangeError(`A list can have at most ${maxIndexedColumns} indexed columns.`);
  }
  return columns;
}

/** A stable permission id for a grantee, so the same principal has the same id on every item. */
function grantId(grantee: Grantee): string {
  const key = `${grantee.kind}|${(grantee.id ?? grantee.email ?? '').toLowerCase()}`;
  return Buffer.from(key, 'utf8').toString('base64url');
}

function defaultRootGrants(): GrantDefinition[] {
  // SharePoint's default site groups: Owners (3), Visitors (4) and Members (5).
  return [
    { roles: ['owner'], grantee: { kind: 'siteGroup', id: '3', displayName: 'Registry Owners' } },
    { roles: ['write'], grantee: { kind: 'siteGroup', id: '5', displayName: 'Registry Members' } },
    { roles: ['read'], grantee: { kind: 'siteGroup', id: '4', displayName: 'Registry Visitors' } },
  ];
}

type FilterOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
interface FilterClause {
  field: string;
  operator: FilterOperator;
  value: FieldValue;
}

/** Parses `fields/A eq 'x' and fields/B ge 3`: the subset of OData $filter the store uses. */
function parseFilter(filter: string): FilterClause[] {
  const clause =
    /^\s*fields\/([A-Za-z_][A-Za-z0-9_]*)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false|null)\s*/;
  const clauses: FilterClause[] = [];
  let rest = filter;
  for (;;) {
    const match = clause.exec(rest);
    if (match === null) {
      throw new GraphProblem(400, 'invalidRequest', 'The $filter expression is not supported.');
    }
    const [whole, field = '', operator = 'eq', literal = ''] = match;
    let value: FieldValue;
    if (literal.startsWith("'")) value = literal.slice(1, -1).replace(/''/g, "'");
    else if (literal === 'true' || literal === 'false') value = literal === 'true';
    else if (literal === 'null') value = null;
    else value = Number(literal);
    clauses.push({ field, operator: operator as FilterOperator, value });
    rest = rest.slice(whole.length);
    if (rest.trim() === '') return clauses;
    const and = /^and\s+/.exec(rest);
    if (and === null) {
      throw new GraphProblem(400, 'invalidRequest', 'The $filter expression is not supported.');
    }
    rest = rest.slice(and[0].length);
  }
}

function compare(left: FieldValue | undefined, clause: FilterClause): boolean {
  const right = clause.value;
  const l = left ?? null;
  switch (clause.operator) {
    case 'eq':
      return l === right;
    case 'ne':
      return l !== right;
    case 'gt':
      return l !== null && right !== null && l > right;
    case 'ge':
      return l !== null && right !== null && l >= right;
    case 'lt':
      return l !== null && right !== null && l < right;
    case 'le':
      return l !== null && right !== null && l <= right;
  }
}

/** Standard base64 (what Graph's batching takes for a body that is not JSON). */
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isJsonContentType(value: string | undefined): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The test server. Start it with {@link GraphTestServer.start}; point the Graph client's loopback
 * rewrite at {@link GraphTestServer.origin} for `graph.microsoft.com` and {@link sharePointHost}.
 */
export class GraphTestServer {
  /** The site's id, in Graph's composite form `host,siteCollectionId,webId`. */
  readonly siteId: string;
  /** The document library's drive id. */
  readonly driveId: string;
  /** The document library's list id. */
  readonly libraryListId: string;
  /** Host of the pre-authenticated upload and download URLs the server hands out. */
  readonly sharePointHost: string;
  /** The first team that exists, for `POST /teams/{team-id}/sendActivityNotification`. */
  readonly teamId: string;
  /** Every request seen, in order of arrival. */
  readonly log: RequestLogEntry[] = [];

  private readonly server: http.Server;
  private readonly tokens: Set<string>;
  private readonly users: Map<string, DelegatedUser>;
  private readonly maxSimpleUploadBytes: number;
  private readonly lists = new Map<string, ListModel>();
  private readonly nodes = new Map<string, DriveNode>();
  private readonly rootId = graphId();
  private readonly rootGuid = randomUUID();
  private readonly uploads = new Map<string, UploadSession>();
  private readonly downloads = new Map<string, string>();
  private readonly injected: InjectedFailure[] = [];
  private readonly drops: { afterHandling: boolean }[] = [];
  private readonly maxUniqueScopes: number;
  private readonly maxItemsForBreakingInheritance: number;
  private readonly teams: Set<string>;
  private readonly activityTypes: Set<string> | null;
  private readonly sent: SentNotification[] = [];
  private faults: FaultOptions = {};
  private random: () => number = seededRandom(1);
  private port = 0;

  private constructor(options: GraphTestServerOptions) {
    this.sharePointHost = options.sharePointHost ?? 'contoso.sharepoint.test';
    this.siteId = `${this.sharePointHost},${randomUUID()},${randomUUID()}`;
    this.driveId = `b!${randomUUID().replace(/-/g, '')}`;
    this.tokens = new Set(options.tokens ?? ['test-token']);
    this.users = new Map((options.users ?? []).map((user) => [user.token, user]));
    this.maxSimpleUploadBytes = options.maxSimpleUploadBytes ?? defaultMaxSimpleUploadBytes;
    this.maxUniqueScopes = options.scopeLimits?.maxUniqueScopes ?? defaultMaxUniqueScopes;
    this.maxItemsForBreakingInheritance =
      options.scopeLimits?.maxItemsForBreakingInheritance ?? defaultMaxItemsForBreakingInheritance;
    const teams = options.teams ?? [randomUUID()];
    if (teams[0] === undefined) throw new RangeError('At least one team must exist.');
    this.teamId = teams[0];
    this.teams = new Set(teams);
    this.activityTypes =
      options.activityTypes === undefined ? null : new Set(options.activityTypes);
    const now = new Date().toISOString();
    this.libraryListId = randomUUID();
    this.lists.set(this.libraryListId, {
      id: this.libraryListId,
      name: 'Documents',
      template: 'documentLibrary',
      columns: columnMap([
        { name: 'Title', type: 'text' },
        { name: 'FileLeafRef', type: 'text', indexed: true },
        ...(options.libraryColumns ?? []),
      ]),
      items: new Map(),
      nextItemId: 1,
      created: now,
    });
    this.nodes.set(this.rootId, {
      id: this.rootId,
      name: 'root',
      parentId: null,
      folder: true,
      content: Buffer.alloc(0),
      mimeType: '',
      created: now,
      modified: now,
      listItemId: null,
      children: new Map(),
      grants: (options.rootGrants ?? defaultRootGrants()).map((g) => ({
        id: grantId(g.grantee),
        roles: [...g.roles],
        grantee: { ...g.grantee },
      })),
    });
    for (const list of options.lists ?? []) this.createList(list);
    this.setFaults(options.faults ?? {});
    this.server = http.createServer((request, response) => {
      this.serve(request, response).catch((error: unknown) => {
        // The client went away mid-request (a test that ended, a dropped connection): nobody is
        // left to answer. Anything else is a fault of this server: a 500 the test will see.
        if (request.destroyed || response.destroyed) {
          response.destroy();
          return;
        }
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': jsonContentType });
        response.end(
          JSON.stringify({
            error: {
              code: 'testServerFault',
              message: error instanceof Error ? error.message : String(error),
            },
          }),
        );
      });
    });
  }

  /** Starts a server on 127.0.0.1 and an ephemeral port. */
  static async start(options: GraphTestServerOptions = {}): Promise<GraphTestServer> {
    const instance = new GraphTestServer(options);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(0, '127.0.0.1', () => {
        resolve();
      });
    });
    instance.port = (instance.server.address() as AddressInfo).port;
    return instance;
  }

  /** `http://127.0.0.1:PORT`: where Graph and SharePoint URLs are to be rewritten to. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Rewrites a Graph or SharePoint URL the server handed out to its loopback address. */
  loopbackUrl(url: string): string {
    const parsed = new URL(url);
    return `${this.origin}${parsed.pathname}${parsed.search}`;
  }

  /** Stops the server, cutting open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => {
        if (error === undefined) resolve();
        else reject(error);
      });
    });
  }

  /** Replaces the random fault settings and reseeds the PRNG. */
  setFaults(faults: FaultOptions): void {
    for (const rate of [faults.failureRate, faults.batchItemFailureRate, faults.dropRate]) {
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
        throw new RangeError('Fault rates are shares between 0 and 1.');
      }
    }
    this.faults = faults;
    this.random = seededRandom(faults.seed ?? 1);
  }

  /** Fails the next matching request(s) with the given status. */
  failNext(failure: InjectedFailure): void {
    this.injected.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Drops the connection of the next `times` HTTP requests. */
  dropNext(times = 1, options: { afterHandling?: boolean } = {}): void {
    for (let i = 0; i < times; i++)
      this.drops.push({ afterHandling: options.afterHandling ?? false });
  }

  /** Counts of the requests seen since the start or the last {@link resetStats}. */
  stats(): RequestStats {
    const stats: RequestStats = {
      requests: 0,
      byPattern: {},
      batchedRequests: 0,
      batchedByPattern: {},
      injectedFailures: 0,
      droppedConnections: 0,
      uniqueScopes: this.uniqueScopes(),
    };
    for (const entry of this.log) {
      const key = `${entry.method} ${entry.pattern}`;
      if (entry.batched) {
        stats.batchedRequests++;
        stats.batchedByPattern[key] = (stats.batchedByPattern[key] ?? 0) + 1;
      } else {
        stats.requests++;
        stats.byPattern[key] = (stats.byPattern[key] ?? 0) + 1;
      }
      if (entry.injected === 'failure') stats.injectedFailures++;
      if (entry.injected === 'drop') stats.droppedConnections++;
    }
    return stats;
  }

  /** Forgets the request log (not the content). */
  resetStats(): void {
    this.log.length = 0;
  }

  /** Adds a generic list; returns its id. */
  createList(definition: ListDefinition): string {
    const id = randomUUID();
    this.lists.set(id, {
      id,
      name: definition.name,
      template: 'genericList',
      columns: columnMap([{ name: 'Title', type: 'text' }, ...(definition.columns ?? [])]),
      items: new Map(),
      nextItemId: 1,
      created: new Date().toISOString(),
    });
    return id;
  }

  /** What a drive path holds, for assertions: a folder's child names or a file's bytes. */
  inspect(
    path: string,
  ):
    | { kind: 'folder'; children: string[]; fields: Record<string, FieldValue> }
    | { kind: 'file'; content: Buffer; fields: Record<string, FieldValue> }
    | null {
    let node = this.node(this.rootId);
    for (const segment of path.split('/').filter((s) => s !== '')) {
      const childId = node.children.get(nameKey(segment));
      if (childId === undefined) return null;
      node = this.node(childId);
    }
    const fields = node.listItemId === null ? {} : { ...this.libraryItem(node).fields };
    return node.folder
      ? {
          kind: 'folder',
          children: [...node.children.values()].map((id) => this.node(id).name),
          fields,
        }
      : { kind: 'file', content: Buffer.from(node.content), fields };
  }

  /** The items of a list (by id or name), for assertions. */
  listItems(list: string): { id: string; fields: Record<string, FieldValue> }[] {
    const model = this.findList(list);
    if (model === undefined) return [];
    return [...model.items.values()].map((item) => ({ id: item.id, fields: { ...item.fields } }));
  }

  /** The columns of a list (by id or name) as definitions, for assertions. */
  listColumns(list: string): ColumnDefinition[] {
    const model = this.findList(list);
    if (model === undefined) return [];
    return [...model.columns.values()].map((c) => ({
      name: c.name,
      type: c.type,
      indexed: c.indexed,
      ...(c.multiline ? { multiline: true } : {}),
    }));
  }

  /** Unique permission scopes in the library: the root plus every item that broke inheritance. */
  uniqueScopes(): number {
    let count = 0;
    for (const node of this.nodes.values()) if (node.grants !== null) count++;
    return count;
  }

  /**
   * The effective permissions of a drive item, by id or by path ('' for the root), for assertions;
   * null when there is no such item.
   */
  permissionsOf(itemIdOrPath: string): EffectivePermission[] | null {
    let node = this.nodes.get(itemIdOrPath);
    if (node === undefined) {
      node = this.node(this.rootId);
      for (const segment of itemIdOrPath.split('/').filter((s) => s !== '')) {
        const childId = node.children.get(nameKey(segment));
        if (childId === undefined) return null;
        node = this.node(childId);
      }
    }
    const { owner, grants } = this.effectiveGrants(node);
    return grants.map((grant) => ({
      id: grant.id,
      roles: [...grant.roles],
      grantee: { ...grant.grantee },
      ...(owner === node ? {} : { inheritedFrom: this.pathOf(owner) }),
    }));
  }

  /** Every activity feed notification accepted, in order. */
  notifications(): SentNotification[] {
    return this.sent.map((n) => ({ teamId: n.teamId, body: structuredClone(n.body) }));
  }

  // ---------------------------------------------------------------- HTTP

  private async serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await this.readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    const headers = new Map<string, string>();
    for (const [key, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers.set(key.toLowerCase(), value);
      else if (Array.isArray(value)) headers.set(key.toLowerCase(), value.join(', '));
    }
    const method = request.method ?? 'GET';
    const entry: RequestLogEntry = { method, pattern: '(unknown)', status: 0, batched: false };
    this.log.push(entry);

    const latency = this.faults.latencyMs;
    if (latency !== undefined) {
      const ms =
        typeof latency === 'number'
          ? latency
          : latency[0] + this.random() * (latency[1] - latency[0]);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }

    const incoming: Incoming = {
      method,
      rawPath,
      query: url.searchParams,
      headers,
      body,
      batched: false,
    };
    const drop = this.drops.shift() ?? this.randomDrop();
    let outgoing: Outgoing;
    try {
      entry.pattern = this.patternOf(incoming, entry);
      if (drop !== undefined && !drop.afterHandling) {
        this.dropConnection(request, entry);
        return;
      }
      const failure = this.takeFailure(method, entry.pattern, 'request');
      if (failure !== null) {
        entry.injected = 'failure';
        outgoing = failure;
      } else {
        outgoing = this.handleTopLevel(incoming, entry);
      }
    } catch (error) {
      outgoing = this.problemResponse(error, headers);
    }
    if (drop !== undefined) {
      this.dropConnection(request, entry);
      return;
    }
    entry.status = outgoing.status;
    this.write(response, outgoing, headers);
  }

  private randomDrop(): { afterHandling: boolean } | undefined {
    const rate = this.faults.dropRate ?? 0;
    if (rate === 0 || this.random() >= rate) return undefined;
    return { afterHandling: this.faults.dropAfterHandling ?? false };
  }

  private dropConnection(request: http.IncomingMessage, entry: RequestLogEntry): void {
    entry.status = 'dropped';
    entry.injected = 'drop';
    request.socket.destroy();
  }

  private async readBody(request: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private write(
    response: http.ServerResponse,
    outgoing: Outgoing,
    requestHeaders: Map<string, string>,
  ): void {
    const requestId = randomUUID();
    const headers: Record<string, string> = {
      'request-id': requestId,
      'client-request-id': requestHeaders.get('client-request-id') ?? requestId,
      ...outgoing.headers,
    };
    let payload: Buffer | undefined;
    if (outgoing.json !== undefined) {
      payload = Buffer.from(JSON.stringify(outgoing.json), 'utf8');
      headers['Content-Type'] = jsonContentType;
    } else if (outgoing.bytes !== undefined) {
      payload = outgoing.bytes;
    }
    response.writeHead(outgoing.status, headers);
    response.end(payload);
  }

  private problemResponse(error: unknown, requestHeaders: Map<string, string>): Outgoing {
    if (!(error instanceof GraphProblem)) {
      // A bug in this server must fail the test visibly, not leave the client waiting.
      const message = error instanceof Error ? error.message : String(error);
      return this.errorOutgoing(
        500,
        'generalException',
        `Test server bug: ${message}`,
        {},
        requestHeaders,
      );
    }
    return this.errorOutgoing(
      error.status,
      error.code,
      error.message,
      error.headers,
      requestHeaders,
      error.innerCode,
    );
  }

  private errorOutgoing(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string>,
    requestHeaders: Map<string, string>,
    innerCode?: string,
  ): Outgoing {
    const innerError: Record<string, string> = {
      ...(innerCode === undefined ? {} : { code: innerCode }),
      date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
      'request-id': randomUUID(),
    };
    const clientRequestId = requestHeaders.get('client-request-id');
    if (clientRequestId !== undefined) innerError['client-request-id'] = clientRequestId;
    return { status, headers, json: { error: { code, message, innerError } } };
  }

  /** The next deterministic failure matching, else a random one, else null. */
  private takeFailure(
    method: string,
    pattern: string,
    scope: 'request' | 'batchItem',
  ): Outgoing | null {
    const index = this.injected.findIndex(
      (f) =>
        (f.scope ?? 'request') === scope &&
        (f.method === undefined || f.method === method) &&
        (f.pattern === undefined || f.pattern === pattern),
    );
    let status: number;
    let code: string | undefined;
    let retryAfter: number | null | undefined;
    const found = index >= 0 ? this.injected[index] : undefined;
    if (found !== undefined) {
      found.times = (found.times ?? 1) - 1;
      if (found.times <= 0) this.injected.splice(index, 1);
      status = found.status;
      code = found.code;
      retryAfter = found.retryAfterSeconds;
    } else {
      // The batch envelope is never failed at random: Dev Proxy fails its sub-requests instead.
      if (scope === 'request' && pattern === '/$batch') return null;
      const rate = scope === 'request' ? this.faults.failureRate : this.faults.batchItemFailureRate;
      if (rate === undefined || rate === 0 || this.random() >= rate) return null;
      const statuses = scope === 'request' ? (this.faults.failureStatuses ?? [429, 503]) : [429];
      status = statuses[Math.floor(this.random() * statuses.length)] ?? 429;
      retryAfter = this.faults.retryAfterSeconds === undefined ? 5 : this.faults.retryAfterSeconds;
      if (status !== 429 && status !== 503) retryAfter = null;
    }
    const headers: Record<string, string> = {};
    if (retryAfter !== undefined && retryAfter !== null)
      headers['Retry-After'] = String(retryAfter);
    return this.errorOutgoing(
      status,
      code ?? defaultCodes[status] ?? 'generalException',
      status === 429
        ? 'Too many requests; retry after the time Retry-After gives.'
        : 'Injected failure.',
      headers,
      new Map(),
    );
  }

  // ---------------------------------------------------------------- routing

  /** Works out the path pattern without side effects, so even refused requests are counted by it. */
  private patternOf(incoming: Incoming, entry: RequestLogEntry): string {
    const path = incoming.rawPath;
    if (path.startsWith('/_upload/')) return '/_upload/{session}';
    if (path.startsWith('/_download/')) return '/_download/{token}';
    if (!path.startsWith('/v1.0/')) return '(unknown)';
    try {
      return this.route({ ...incoming, rawPath: path.slice('/v1.0'.length) }, entry).pattern;
    } catch {
      // A path we cannot parse is counted as unknown; handling it answers the proper error.
      return '(unknown)';
    }
  }

  private handleTopLevel(incoming: Incoming, entry: RequestLogEntry): Outgoing {
    const path = incoming.rawPath;
    if (path.startsWith('/_upload/'))
      return this.handleUpload(incoming, decodeSegment(path.slice(9)));
    if (path.startsWith('/_download/'))
      return this.handleDownload(incoming, decodeSegment(path.slice(11)));
    if (!path.startsWith('/v1.0/')) {
      throw new GraphProblem(
        404,
        'itemNotFound',
        'The resource does not exist in this API version.',
      );
    }
    this.authenticate(incoming.headers);
    const graphRequest = { ...incoming, rawPath: path.slice('/v1.0'.length) };
    if (graphRequest.rawPath === '/$batch') {
      entry.pattern = '/$batch';
      if (incoming.method !== 'POST') {
        throw new GraphProblem(405, 'methodNotAllowed', 'Only POST is allowed on $batch.', {
          Allow: 'POST',
        });
      }
      return this.handleBatch(graphRequest);
    }
    return this.runAs(graphRequest, this.route(graphRequest, entry));
  }

  /** Runs a routed request; a signed-in person's request may only read (stricter than Graph). */
  private runAs(request: Incoming, routed: { run: () => Outgoing }): Outgoing {
    if (request.method !== 'GET' && this.delegatedUser(request) !== undefined) {
      throw new GraphProblem(403, 'accessDenied', 'Delegated writes are not modelled here.');
    }
    return routed.run();
  }

  private authenticate(headers: Map<string, string>): void {
    const authorization = headers.get('authorization');
    const challenge = { 'WWW-Authenticate': 'Bearer realm=""' };
    if (authorization === undefined || authorization.trim() === '') {
      throw new GraphProblem(
        401,
        'InvalidAuthenticationToken',
        'Access token is empty.',
        challenge,
      );
    }
    const match = /^Bearer (\S+)$/.exec(authorization);
    if (match?.[1] === undefined || !(this.tokens.has(match[1]) || this.users.has(match[1]))) {
      throw new GraphProblem(
        401,
        'InvalidAuthenticationToken',
        'Access token validation failure.',
        challenge,
      );
    }
  }

  /**
   * Matches a Graph path (after the version) to its pattern and handler; nothing happens until
   * `run()` is called, so the pattern can be known before faults and auth are decided.
   */
  private route(
    request: Incoming,
    entry: RequestLogEntry,
  ): { pattern: string; run: () => Outgoing } {
    const path = request.rawPath;
    const notFound = (): never => {
      throw new GraphProblem(404, 'itemNotFound', 'The resource could not be found.');
    };
    const team = /^\/teams\/([^/]+)\/sendActivityNotification$/.exec(path);
    if (team !== null) {
      const pattern = '/teams/{team-id}/sendActivityNotification';
      return {
        pattern,
        run: () => {
          if (request.method !== 'POST') {
            throw new GraphProblem(
              405,
              'methodNotAllowed',
              `${request.method} is not allowed on this resource.`,
              { Allow: 'POST' },
            );
          }
          return this.sendActivityNotification(decodeSegment(team[1] ?? ''), request);
        },
      };
    }
    const site = /^\/sites\/([^/]+)(.*)$/.exec(path);
    if (site === null) return { pattern: '(unknown)', run: notFound };
    const [, rawSiteId = '', siteRest = ''] = site;
    const siteKnown = decodeSegment(rawSiteId) === this.siteId;
    const sitePattern = '/sites/{site-id}';
    const methods = (
      pattern: string,
      handlers: Partial<Record<string, () => Outgoing>>,
    ): { pattern: string; run: () => Outgoing } => ({
      pattern,
      run: () => {
        if (!siteKnown) notFound();
        const handler = handlers[request.method];
        if (handler === undefined) {
          throw new GraphProblem(
            405,
            'methodNotAllowed',
            `${request.method} is not allowed on this resource.`,
            { Allow: Object.keys(handlers).join(', ') },
          );
        }
        return handler();
      },
    });

    if (siteRest === '')
      return methods(sitePattern, {
        GET: () => ({ status: 200, headers: {}, json: this.siteJson() }),
      });
    if (siteRest === '/drives') {
      return methods(`${sitePattern}/drives`, {
        GET: () => ({ status: 200, headers: {}, json: { value: [this.driveJson()] } }),
      });
    }
    if (siteRest === '/lists') {
      return methods(`${sitePattern}/lists`, {
        GET: () => ({
          status: 200,
          headers: {},
          json: { value: [...this.lists.values()].map((list) => this.listJson(list)) },
        }),
        POST: () => this.createListThroughGraph(request),
      });
    }

    const drive = /^\/(?:drive|drives\/([^/:]+))((?:\/|:).*)?$/.exec(siteRest);
    if (drive !== null) {
      const [, rawDriveId, driveRest = ''] = drive;
      const drivePattern = `${sitePattern}/${rawDriveId === undefined ? 'drive' : 'drives/{drive-id}'}`;
      const driveKnown = rawDriveId === undefined || decodeSegment(rawDriveId) === this.driveId;
      const inDrive = (
        pattern: string,
        handlers: Partial<Record<string, () => Outgoing>>,
      ): { pattern: string; run: () => Outgoing } => {
        const inner = methods(pattern, handlers);
        return {
          pattern,
          run: () => {
            if (!driveKnown) notFound();
            return inner.run();
          },
        };
      };
      if (driveRest === '')
        return inDrive(drivePattern, {
          GET: () => ({ status: 200, headers: {}, json: this.driveJson() }),
        });
      if (driveRest === '/list') {
        return inDrive(`${drivePattern}/list`, {
          GET: () => ({ status: 200, headers: {}, json: this.listJson(this.library()) }),
        });
      }
      const item = /^\/(root|items\/([^/:]+))(.*)$/.exec(driveRest);
      if (item === null) return { pattern: '(unknown)', run: notFound };
      const [, base = 'root', rawItemId, itemRest = ''] = item;
      let basePattern =
        base === 'root' ? `${drivePattern}/root` : `${drivePattern}/items/{item-id}`;
      let relPath: string[] = [];
      let nav = itemRest;
      if (itemRest.startsWith(':')) {
        const colon = /^:(\/[^:]*)(?::(\/.*)?)?$/.exec(itemRest);
        if (colon === null) return { pattern: '(unknown)', run: notFound };
        relPath = (colon[1] ?? '')
          .split('/')
          .filter((s) => s !== '')
          .map(decodeSegment);
        nav = colon[2] ?? '';
        basePattern += ':/{path}:';
        entry.drivePath = relPath.join('/');
      }
      const baseId = (): string => {
        if (rawItemId === undefined) return this.rootId;
        const id = decodeSegment(rawItemId);
        if (!this.nodes.has(id)) notFound();
        return id;
      };
      const resolve = (): DriveNode => this.resolvePath(baseId(), relPath);
      const permission = /^\/permissions\/([^/]+)$/.exec(nav);
      if (permission !== null) {
        const permissionId = (): string => decodeSegment(permission[1] ?? '');
        return inDrive(`${basePattern}/permissions/{perm-id}`, {
          GET: () => this.getPermission(resolve(), permissionId()),
          DELETE: () => this.deletePermission(resolve(), permissionId(), request),
        });
      }
      const pattern = `${basePattern}${nav}`;
      switch (nav) {
        case '':
          return inDrive(pattern, {
            GET: () => ({ status: 200, headers: {}, json: this.driveItemJson(resolve()) }),
            PATCH: () => this.updateItem(resolve(), request),
            DELETE: () => this.deleteItem(resolve(), request),
          });
        case '/invite':
          return inDrive(pattern, { POST: () => this.invite(resolve(), request) });
        case '/permissions':
          return inDrive(pattern, { GET: () => this.listPermissions(resolve()) });
        case '/children':
          return inDrive(pattern, {
            GET: () => this.listChildren(resolve(), request),
            POST: () => this.createChild(resolve(), request),
          });
        case '/content':
          return inDrive(pattern, {
            GET: () => this.contentRedirect(this.readable(resolve(), request)),
            PUT: () => this.simpleUpload(baseId(), relPath, request),
          });
        case '/createUploadSession':
          return inDrive(pattern, {
            POST: () => this.createUploadSession(baseId(), relPath, request),
          });
        case '/listItem':
          return inDrive(pattern, {
            GET: () => ({
              status: 200,
              headers: {},
              json: this.listItemJson(this.library(), this.libraryItem(resolve()), request),
            }),
          });
        case '/listItem/fields':
          return inDrive(pattern, {
            GET: () => this.getFields(this.library(), this.libraryItem(resolve())),
            PATCH: () => this.patchFields(this.library(), this.libraryItem(resolve()), request),
          });
        default:
          return { pattern: '(unknown)', run: notFound };
      }
    }

    const list = /^\/lists\/([^/]+)(.*)$/.exec(siteRest);
    if (list === null) return { pattern: '(unknown)', run: notFound };
    const [, rawListId = '', listRest = ''] = list;
    const listPattern = `${sitePattern}/lists/{list-id}`;
    const model = (): ListModel => this.findList(decodeSegment(rawListId)) ?? notFound();
    if (listRest === '')
      return methods(listPattern, {
        GET: () => ({ status: 200, headers: {}, json: this.listJson(model()) }),
      });
    if (listRest === '/columns') {
      return methods(`${listPattern}/columns`, {
        GET: () => ({
          status: 200,
          headers: {},
          json: { value: [...model().columns.values()].map((c) => this.columnJson(c)) },
        }),
        POST: () => this.createColumn(model(), request),
      });
    }
    const column = /^\/columns\/([^/]+)$/.exec(listRest);
    if (column !== null) {
      const found = (): ColumnModel => {
        const id = decodeSegment(column[1] ?? '').toLowerCase();
        return [...model().columns.values()].find((c) => c.id === id) ?? notFound();
      };
      return methods(`${listPattern}/columns/{column-id}`, {
        GET: () => ({ status: 200, headers: {}, json: this.columnJson(found()) }),
        PATCH: () => this.updateColumn(model(), found(), request),
      });
    }
    if (listRest === '/items') {
      return methods(`${listPattern}/items`, {
        GET: () => this.queryItems(model(), request),
        POST: () => this.createListItem(model(), request),
      });
    }
    const listItem = /^\/items\/([^/]+)(\/fields)?$/.exec(listRest);
    if (listItem === null) return { pattern: '(unknown)', run: notFound };
    const [, rawItem = '', fieldsNav] = listItem;
    const itemModel = (): [ListModel, ListItemModel] => {
      const m = model();
      return [m, m.items.get(decodeSegment(rawItem)) ?? notFound()];
    };
    if (fieldsNav === undefined) {
      return methods(`${listPattern}/items/{item-id}`, {
        GET: () => {
          const [m, i] = itemModel();
          return {
            status: 200,
            headers: { ETag: `"${this.etagOf(i)}"` },
            json: this.listItemJson(m, i, request),
          };
        },
        DELETE: () => {
          const [m, i] = itemModel();
          if (m.template === 'documentLibrary') {
            throw new GraphProblem(
              400,
              'invalidRequest',
              'Delete library items through the drive.',
            );
          }
          this.checkIfMatch(request, i, 'preconditionFailed');
          m.items.delete(i.id);
          return { status: 204, headers: {} };
        },
      });
    }
    return methods(`${listPattern}/items/{item-id}/fields`, {
      GET: () => {
        const [m, i] = itemModel();
        return this.getFields(m, i);
      },
      PATCH: () => {
        const [m, i] = itemModel();
        return this.patchFields(m, i, request);
      },
    });
  }

  // ---------------------------------------------------------------- drive

  private node(id: string): DriveNode {
    const node = this.nodes.get(id);
    if (node === undefined)
      throw new GraphProblem(404, 'itemNotFound', 'The item could not be found.');
    return node;
  }

  private library(): ListModel {
    const list = this.lists.get(this.libraryListId);
    if (list === undefined) throw new Error('The library list is missing.');
    return list;
  }

  private libraryItem(node: DriveNode): ListItemModel {
    const item = node.listItemId === null ? undefined : this.library().items.get(node.listItemId);
    if (item === undefined) {
      throw new GraphProblem(400, 'invalidRequest', 'The root folder has no list item.');
    }
    return item;
  }

  private resolvePath(baseId: string, segments: readonly string[]): DriveNode {
    let node = this.node(baseId);
    for (const segment of segments) {
      const childId = node.folder ? node.children.get(nameKey(segment)) : undefined;
      if (childId === undefined)
        throw new GraphProblem(404, 'itemNotFound', 'The item could not be found.');
      node = this.node(childId);
    }
    return node;
  }

  private pathOf(node: DriveNode): string {
    const names: string[] = [];
    let current: DriveNode | undefined = node;
    while (current?.parentId !== null && current !== undefined) {
      names.unshift(current.name);
      current = this.nodes.get(current.parentId);
    }
    return names.join('/');
  }

  private etagOf(item: ListItemModel): string {
    return `${item.guid},${item.version}`;
  }

  private driveItemJson(node: DriveNode): Record<string, unknown> {
    const item = node.listItemId === null ? null : this.libraryItem(node);
    const guid = item?.guid ?? this.rootGuid;
    const version = item?.version ?? 1;
    const path = this.pathOf(node);
    const parent = node.parentId === null ? undefined : this.node(node.parentId);
    const json: Record<string, unknown> = {
      id: node.id,
      name: node.name,
      eTag: `"{${guid.toUpperCase()}},${version}"`,
      cTag: `"c:{${guid.toUpperCase()}},${version}"`,
      createdDateTime: node.created,
      lastModifiedDateTime: node.modified,
      webUrl: encodeURI(`https://${this.sharePointHost}/sites/registry/Shared Documents/${path}`),
      size: node.folder ? 0 : node.content.length,
      parentReference: {
        driveType: 'documentLibrary',
        driveId: this.driveId,
        siteId: this.siteId,
        ...(parent === undefined
          ? {}
          : {
              id: parent.id,
              path: `/drives/${this.driveId}/root:${parent.parentId === null ? '' : `/${this.pathOf(parent)}`}`,
            }),
      },
    };
    if (node.folder) json['folder'] = { childCount: node.children.size };
    else json['file'] = { mimeType: node.mimeType };
    if (node.parentId === null) json['root'] = {};
    return json;
  }

  private listChildren(node: DriveNode, request: Incoming): Outgoing {
    if (!node.folder) throw new GraphProblem(400, 'invalidRequest', 'The item is not a folder.');
    const children = [...node.children.values()].map((id) => this.driveItemJson(this.node(id)));
    return this.page(children, request);
  }

  private page(values: unknown[], request: Incoming): Outgoing {
    for (const key of request.query.keys()) {
      if (
        key.startsWith('$') &&
        !['$top', '$skiptoken', '$filter', '$expand', '$select'].includes(key)
      ) {
        throw new GraphProblem(
          400,
          'invalidRequest',
          `The query option ${key} is not supported here.`,
        );
      }
    }
    const topText = request.query.get('$top');
    const top = topText === null ? defaultPageSize : Number(topText);
    if (!Number.isInteger(top) || top < 1 || top > maxPageSize) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        `$top must be a whole number from 1 to ${maxPageSize}.`,
      );
    }
    const skipText = request.query.get('$skiptoken');
    const skip = skipText === null ? 0 : Number(skipText.replace(/^Paged=TRUE&p_ID=/, ''));
    if (!Number.isInteger(skip) || skip < 0) {
      throw new GraphProblem(400, 'invalidRequest', 'The $skiptoken is not valid.');
    }
    const slice = values.slice(skip, skip + top);
    const json: Record<string, unknown> = { value: slice };
    if (skip + top < values.length) {
      const next = new URLSearchParams(request.query);
      next.set('$skiptoken', String(skip + top));
      json['@odata.nextLink'] = `${graphOrigin}/v1.0${request.rawPath}?${next.toString()}`;
    }
    return { status: 200, headers: {}, json };
  }

  private readJson<T>(request: Incoming, schema: z.ZodType<T>): T {
    if (!isJsonContentType(request.headers.get('content-type'))) {
      throw new GraphProblem(
        415,
        'unsupportedMediaType',
        'The body must be sent as application/json.',
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body.toString('utf8'));
    } catch {
      // The parser's message would echo the body; Graph answers a generic bad request.
      throw new GraphProblem(400, 'invalidRequest', 'The request body is not valid JSON.');
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const where = result.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
      throw new GraphProblem(400, 'invalidRequest', `The request body is not valid: ${where}.`);
    }
    return result.data;
  }

  private checkName(name: string): void {
    const problem = nameProblem(name);
    if (problem !== null) throw new GraphProblem(400, 'invalidRequest', problem);
  }

  /** The name to create under `parent` given a conflict behaviour, or the node to replace. */
  private placeName(
    parent: DriveNode,
    name: string,
    behavior: ConflictBehavior,
  ): { name: string; existing: DriveNode | null } {
    const existingId = parent.children.get(nameKey(name));
    if (existingId === undefined) return { name, existing: null };
    switch (behavior) {
      case 'fail':
        throw new GraphProblem(
          409,
          'nameAlreadyExists',
          'An item with the same name already exists under the parent.',
        );
      case 'replace':
        return { name, existing: this.node(existingId) };
      case 'rename': {
        const dot = name.lastIndexOf('.');
        const stem = dot > 0 ? name.slice(0, dot) : name;
        const extension = dot > 0 ? name.slice(dot) : '';
        for (let n = 1; ; n++) {
          const candidate = `${stem} ${n}${extension}`;
          if (!parent.children.has(nameKey(candidate))) return { name: candidate, existing: null };
        }
      }
    }
  }

  private addNode(
    parent: DriveNode,
    name: string,
    folder: boolean,
    content: Buffer,
    mimeType: string,
  ): DriveNode {
    const now = new Date().toISOString();
    const library = this.library();
    const listItemId = String(library.nextItemId++);
    library.items.set(listItemId, {
      id: listItemId,
      guid: randomUUID(),
      version: 1,
      fields: { FileLeafRef: name, Title: null },
      created: now,
      modified: now,
    });
    const node: DriveNode = {
      id: graphId(),
      name,
      parentId: parent.id,
      folder,
      content,
      mimeType,
      created: now,
      modified: now,
      listItemId,
      children: new Map(),
      grants: null,
    };
    const item = library.items.get(listItemId);
    if (item !== undefined) item.driveItemId = node.id;
    this.nodes.set(node.id, node);
    parent.children.set(nameKey(name), node.id);
    parent.modified = now;
    return node;
  }

  private removeNode(node: DriveNode): void {
    for (const childId of [...node.children.values()]) this.removeNode(this.node(childId));
    if (node.parentId !== null) this.node(node.parentId).children.delete(nameKey(node.name));
    if (node.listItemId !== null) this.library().items.delete(node.listItemId);
    this.nodes.delete(node.id);
  }

  private createChild(parent: DriveNode, request: Incoming): Outgoing {
    if (!parent.folder)
      throw new GraphProblem(400, 'invalidRequest', 'The parent is not a folder.');
    const body = this.readJson(request, createChildSchema);
    if (body.folder === undefined) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        'Only folders are created through children; upload files with PUT content.',
      );
    }
    this.checkName(body.name);
    const behavior = conflictBehaviorOf(
      body[conflictBehaviorKey] ?? request.query.get(conflictBehaviorKey) ?? undefined,
      'fail',
    );
    const placed = this.placeName(parent, body.name, behavior);
    if (placed.existing !== null) {
      if (!placed.existing.folder) {
        throw new GraphProblem(
          409,
          'nameAlreadyExists',
          'A file with the same name exists under the parent.',
        );
      }
      // Graph answers replace on an existing folder with the folder as it is.
      return { status: 200, headers: {}, json: this.driveItemJson(placed.existing) };
    }
    const node = this.addNode(parent, placed.name, true, Buffer.alloc(0), '');
    return { status: 201, headers: {}, json: this.driveItemJson(node) };
  }

  /** Finds or makes the folders of `segments` under `baseId`, as PUT-by-path does. */
  private ensureFolders(baseId: string, segments: readonly string[]): DriveNode {
    let node = this.node(baseId);
    for (const segment of segments) {
      if (!node.folder)
        throw new GraphProblem(400, 'invalidRequest', 'A parent in the path is a file.');
      const childId = node.children.get(nameKey(segment));
      if (childId === undefined) {
        this.checkName(segment);
        node = this.addNode(node, segment, true, Buffer.alloc(0), '');
      } else {
        node = this.node(childId);
      }
    }
    return node;
  }

  private uploadTarget(
    baseId: string,
    relPath: readonly string[],
  ): { parentId: string; name: string } {
    const name = relPath[relPath.length - 1];
    if (name === undefined) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        'Address the file by path: …:/{name}:/content.',
      );
    }
    this.checkName(name);
    for (const segment of relPath.slice(0, -1)) this.checkName(segment);
    return { parentId: this.ensureFolders(baseId, relPath.slice(0, -1)).id, name };
  }

  private store(
    parentId: string,
    name: string,
    behavior: ConflictBehavior,
    content: Buffer,
    mimeType: string,
  ): Outgoing {
    const parent = this.node(parentId);
    const placed = this.placeName(parent, name, behavior);
    if (placed.existing !== null) {
      if (placed.existing.folder) {
        throw new GraphProblem(
          409,
          'nameAlreadyExists',
          'A folder with the same name exists under the parent.',
        );
      }
      const item = this.libraryItem(placed.existing);
      placed.existing.content = content;
      placed.existing.mimeType = mimeType;
      placed.existing.modified = new Date().toISOString();
      item.version++;
      item.modified = placed.existing.modified;
      return { status: 200, headers: {}, json: this.driveItemJson(placed.existing) };
    }
    const node = this.addNode(parent, placed.name, false, content, mimeType);
    return { status: 201, headers: {}, json: this.driveItemJson(node) };
  }

  private simpleUpload(baseId: string, relPath: readonly string[], request: Incoming): Outgoing {
    if (request.body.length > this.maxSimpleUploadBytes) {
      throw new GraphProblem(
        413,
        'requestTooLarge',
        'Simple upload takes at most 250 MB; use an upload session.',
      );
    }
    const target = this.uploadTarget(baseId, relPath);
    const behavior = conflictBehaviorOf(
      request.query.get(conflictBehaviorKey) ?? undefined,
      'replace',
    );
    const mimeType = request.headers.get('content-type') ?? 'application/octet-stream';
    return this.store(target.parentId, target.name, behavior, request.body, mimeType);
  }

  /** The signed-in person a request is made for, or undefined for the app itself. */
  private delegatedUser(request: Incoming): DelegatedUser | undefined {
    const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    return token === undefined ? undefined : this.users.get(token);
  }

  /** `node`, if the request's user may read it (the app may read everything). */
  private readable(node: DriveNode, request: Incoming): DriveNode {
    const user = this.delegatedUser(request);
    if (user === undefined) return node;
    const principals = new Set(
      [user.objectId, ...(user.groups ?? [])].map((id) => id.toLowerCase()),
    );
    const siteGroups = new Set(user.siteGroups ?? []);
    const granted = this.effectiveGrants(node).grants.some((grant) => {
      const id = grant.grantee.id;
      if (id === undefined) return false;
      return grant.grantee.kind === 'siteGroup'
        ? siteGroups.has(id)
        : principals.has(id.toLowerCase());
    });
    if (!granted) throw new GraphProblem(403, 'accessDenied', 'Access denied.');
    return node;
  }

  private contentRedirect(node: DriveNode): Outgoing {
    if (node.folder) throw new GraphProblem(400, 'invalidRequest', 'A folder has no content.');
    const token = randomUUID();
    this.downloads.set(token, node.id);
    return {
      status: 302,
      headers: { Location: `https://${this.sharePointHost}/_download/${token}` },
    };
  }

  private handleDownload(request: Incoming, token: string): Outgoing {
    if (request.method !== 'GET') {
      throw new GraphProblem(405, 'methodNotAllowed', 'Only GET is allowed here.', {
        Allow: 'GET',
      });
    }
    const nodeId = this.downloads.get(token);
    const node = nodeId === undefined ? undefined : this.nodes.get(nodeId);
    if (node === undefined)
      throw new GraphProblem(404, 'itemNotFound', 'The download link is not valid.');
    return { status: 200, headers: { 'Content-Type': node.mimeType }, bytes: node.content };
  }

  private deleteItem(node: DriveNode, request: Incoming): Outgoing {
    if (node.parentId === null)
      throw new GraphProblem(403, 'accessDenied', 'The root cannot be deleted.');
    this.checkIfMatch(request, this.libraryItem(node), 'resourceModified');
    this.removeNode(node);
    return { status: 204, headers: {} };
  }

  /** Moves and/or renames a drive item (Graph's update of name and parentReference). */
  private updateItem(node: DriveNode, request: Incoming): Outgoing {
    const body = this.readJson(request, updateDriveItemSchema);
    if (node.parentId === null) {
      throw new GraphProblem(400, 'invalidRequest', 'The root cannot be moved or renamed.');
    }
    if (body.parentReference === undefined && body.name === undefined) {
      // Stricter than Graph, which answers an empty update with the item: it is a client bug here.
      throw new GraphProblem(400, 'invalidRequest', 'Give a new name or parentReference.');
    }
    this.checkIfMatch(request, this.libraryItem(node), 'resourceModified');
    const reference = body.parentReference;
    if (reference !== undefined) {
      if (reference.driveId !== undefined && reference.driveId !== this.driveId) {
        throw new GraphProblem(400, 'invalidRequest', 'Items cannot be moved between drives.');
      }
      // Graph's docs: moving to the root needs the root's actual id, not the `root` alias.
      if (reference.id === 'root') {
        throw new GraphProblem(
          400,
          'invalidRequest',
          'Use the id of the root folder, not "root", as the parent.',
        );
      }
    }
    const parent = reference === undefined ? this.node(node.parentId) : this.node(reference.id);
    if (!parent.folder)
      throw new GraphProblem(400, 'invalidRequest', 'The new parent is not a folder.');
    for (
      let p: DriveNode | null = parent;
      p !== null;
      p = p.parentId === null ? null : this.node(p.parentId)
    ) {
      if (p.id === node.id) {
        throw new GraphProblem(
          400,
          'invalidRequest',
          'A folder cannot be moved into itself or one of its subfolders.',
        );
      }
    }
    const name = body.name ?? node.name;
    this.checkName(name);
    const behavior = conflictBehaviorOf(
      body[conflictBehaviorKey] ?? request.query.get(conflictBehaviorKey) ?? undefined,
      'fail',
    );
    const existingId = parent.children.get(nameKey(name));
    if (parent.id === node.parentId && name === node.name) {
      // Already there under that name: Graph answers the item as it is.
      return { status: 200, headers: {}, json: this.driveItemJson(node) };
    }
    let placedName = name;
    if (existingId !== undefined && existingId !== node.id) {
      const placed = this.placeName(parent, name, behavior);
      if (placed.existing !== null) {
        for (
          let p: DriveNode | null = node;
          p !== null;
          p = p.parentId === null ? null : this.node(p.parentId)
        ) {
          if (p.id === placed.existing.id) {
            throw new GraphProblem(
              409,
              'nameAlreadyExists',
              'The item to replace holds the item being moved.',
            );
          }
        }
        this.removeNode(placed.existing);
      }
      placedName = placed.name;
    }
    const now = new Date().toISOString();
    const oldParent = this.node(node.parentId);
    oldParent.children.delete(nameKey(node.name));
    oldParent.modified = now;
    node.parentId = parent.id;
    node.name = placedName;
    node.modified = now;
    parent.children.set(nameKey(placedName), node.id);
    parent.modified = now;
    const item = this.libraryItem(node);
    item.fields['FileLeafRef'] = placedName;
    item.version++;
    item.modified = now;
    // Permissions need no work: an inheriting item now inherits from its new parent, and a unique
    // scope keeps its own grants, as in SharePoint.
    return { status: 200, headers: {}, json: this.driveItemJson(node) };
  }

  // ---------------------------------------------------------------- permissions

  /** The node whose grants apply to `node` (itself when it is a unique scope), and those grants. */
  private effectiveGrants(node: DriveNode): { owner: DriveNode; grants: Grant[] } {
    let current = node;
    while (current.grants === null) {
      if (current.parentId === null) throw new Error('The root must hold grants.');
      current = this.node(current.parentId);
    }
    return { owner: current, grants: current.grants };
  }

  private permissionJson(node: DriveNode, owner: DriveNode, grant: Grant): Record<string, unknown> {
    const { grantee } = grant;
    let grantedToV2: Record<string, unknown>;
    switch (grantee.kind) {
      case 'siteGroup':
        grantedToV2 = {
          siteGroup: {
            id: grantee.id,
            displayName: grantee.displayName ?? '',
            loginName: grantee.displayName ?? '',
          },
        };
        break;
      case 'group':
        grantedToV2 = {
          group: {
            id: grantee.id,
            ...(grantee.displayName === undefined ? {} : { displayName: grantee.displayName }),
          },
        };
        break;
      case 'user':
        grantedToV2 = {
          user: {
            ...(grantee.id === undefined ? {} : { id: grantee.id }),
            ...(grantee.email === undefined ? {} : { email: grantee.email }),
            displayName: grantee.displayName ?? grantee.email ?? '',
          },
        };
        break;
    }
    const json: Record<string, unknown> = { id: grant.id, roles: [...grant.roles], grantedToV2 };
    if (grant.invitedEmail !== undefined) {
      json['invitation'] = { email: grant.invitedEmail, signInRequired: true };
    }
    if (owner !== node) {
      // Graph's list-permissions docs mark inherited permissions so; its permission resource page
      // adds that SharePoint libraries may leave inheritedFrom out, so clients must not need it.
      const path = this.pathOf(owner);
      json['inheritedFrom'] = {
        driveId: this.driveId,
        id: owner.id,
        path: `/drives/${this.driveId}/root:${path === '' ? '' : `/${path}`}`,
      };
    }
    return json;
  }

  private listPermissions(node: DriveNode): Outgoing {
    const { owner, grants } = this.effectiveGrants(node);
    return {
      status: 200,
      headers: {},
      json: { value: grants.map((grant) => this.permissionJson(node, owner, grant)) },
    };
  }

  private findGrant(node: DriveNode, permissionId: string): { owner: DriveNode; grant: Grant } {
    const { owner, grants } = this.effectiveGrants(node);
    const grant = grants.find((g) => g.id === permissionId);
    if (grant === undefined)
      throw new GraphProblem(404, 'itemNotFound', 'The permission could not be found.');
    return { owner, grant };
  }

  private getPermission(node: DriveNode, permissionId: string): Outgoing {
    const { owner, grant } = this.findGrant(node, permissionId);
    return { status: 200, headers: {}, json: this.permissionJson(node, owner, grant) };
  }

  private deletePermission(node: DriveNode, permissionId: string, request: Incoming): Outgoing {
    const { owner, grant } = this.findGrant(node, permissionId);
    if (node.listItemId !== null)
      this.checkIfMatch(request, this.libraryItem(node), 'resourceModified');
    if (owner !== node) {
      // Graph's docs: only permissions that are not inherited can be deleted. They give no status;
      // 403 notAllowed is what Graph answers operations it does not allow on an item.
      throw new GraphProblem(
        403,
        'notAllowed',
        'Inherited permissions cannot be deleted; delete them where they are granted.',
      );
    }
    owner.grants = (owner.grants ?? []).filter((g) => g !== grant);
    return { status: 204, headers: {} };
  }

  private subtreeSize(node: DriveNode): number {
    let size = node.parentId === null ? 0 : 1;
    for (const childId of node.children.values()) size += this.subtreeSize(this.node(childId));
    return size;
  }

  /** Makes `node` a unique scope, within SharePoint's limits. */
  private breakInheritance(node: DriveNode, retainInherited: boolean): void {
    if (this.uniqueScopes() + 1 > this.maxUniqueScopes) {
      // Graph's answer, as seen in the field (the docs give none); its status is not recorded.
      throw new GraphProblem(
        400,
        'notSupported',
        'You cannot break inheritance for this item because there are too many items with unique permissions in this list.',
        {},
        'uniqueScopesExceeded',
      );
    }
    // SharePoint's docs: at most 100,000 items are updated when a new scope is created, so a
    // folder holding more cannot break inheritance (nor can a library that large, on the list).
    if (this.subtreeSize(node) > this.maxItemsForBreakingInheritance) {
      throw new GraphProblem(
        400,
        'notSupported',
        'The operation to break role inheritance failed because there are too many items in the folder.',
      );
    }
    const inherited = this.effectiveGrants(node).grants;
    node.grants = retainInherited
      ? inherited.map((g) => ({ ...g, roles: [...g.roles], grantee: { ...g.grantee } }))
      : [];
  }

  private invite(node: DriveNode, request: Incoming): Outgoing {
    const body = this.readJson(request, inviteSchema);
    if (body.requireSignIn !== true) {
      // Invitations that need no sign-in are anonymous access; refused here (stricter than Graph),
      // since this server's clients must only ever share with signed-in people and groups.
      throw new GraphProblem(400, 'invalidRequest', 'requireSignIn must be true.');
    }
    if (body.roles.length !== 1) {
      // Stricter than the docs, which take a collection: SharePoint grants one level per invite.
      throw new GraphProblem(400, 'invalidRequest', 'Give exactly one role.');
    }
    const grantees: { grantee: Grantee; email?: string }[] = body.recipients.map((recipient) => {
      if ((recipient.email === undefined) === (recipient.objectId === undefined)) {
        throw new GraphProblem(
          400,
          'invalidRequest',
          'Each recipient needs either an email or an objectId.',
        );
      }
      if (recipient.email !== undefined) {
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(recipient.email)) {
          throw new GraphProblem(400, 'invalidRequest', 'The recipient email is not valid.');
        }
        return { grantee: { kind: 'user', email: recipient.email }, email: recipient.email };
      }
      const objectId = recipient.objectId ?? '';
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(objectId)) {
        throw new GraphProblem(400, 'invalidRequest', 'The recipient objectId is not a GUID.');
      }
      // An Entra object id may name a user or a group; the server takes it for a group.
      return { grantee: { kind: 'group', id: objectId } };
    });
    if (node.grants === null) this.breakInheritance(node, body.retainInheritedPermissions ?? true);
    const grants = node.grants ?? [];
    const role = body.roles[0] ?? 'read';
    const granted = grantees.map(({ grantee, email }) => {
      const id = grantId(grantee);
      let grant = grants.find((g) => g.id === id);
      if (grant === undefined) {
        grant = {
          id,
          roles: [role],
          grantee,
          ...(email === undefined ? {} : { invitedEmail: email }),
        };
        grants.push(grant);
      } else if (!grant.roles.includes(role)) {
        grant.roles.push(role);
      }
      return grant;
    });
    node.grants = grants;
    return {
      status: 200,
      headers: {},
      json: { value: granted.map((grant) => this.permissionJson(node, node, grant)) },
    };
  }

  // ---------------------------------------------------------------- upload sessions

  private createUploadSession(
    baseId: string,
    relPath: readonly string[],
    request: Incoming,
  ): Outgoing {
    const body = request.body.length === 0 ? {} : this.readJson(request, uploadSessionSchema);
    const target = this.uploadTarget(baseId, relPath);
    const behavior = conflictBehaviorOf(body.item?.[conflictBehaviorKey], 'replace');
    // Checking early spares a whole upload that could only end in 409; Graph checks at the end too.
    if (behavior === 'fail') this.placeName(this.node(target.parentId), target.name, 'fail');
    const session: UploadSession = {
      id: randomUUID(),
      parentId: target.parentId,
      name: target.name,
      conflictBehavior: behavior,
      total: null,
      received: [],
      next: 0,
      expires: Date.now() + 15 * 60 * 1000,
    };
    this.uploads.set(session.id, session);
    return {
      status: 200,
      headers: {},
      json: {
        uploadUrl: `https://${this.sharePointHost}/_upload/${session.id}`,
        expirationDateTime: new Date(session.expires).toISOString(),
        nextExpectedRanges: ['0-'],
      },
    };
  }

  private sessionStatus(session: UploadSession): Record<string, unknown> {
    return {
      expirationDateTime: new Date(session.expires).toISOString(),
      nextExpectedRanges: [
        session.total === null ? `${session.next}-` : `${session.next}-${session.total - 1}`,
      ],
    };
  }

  private handleUpload(request: Incoming, sessionId: string): Outgoing {
    const session = this.uploads.get(sessionId);
    if (session === undefined || session.expires < Date.now()) {
      throw new GraphProblem(
        404,
        'itemNotFound',
        'The upload session does not exist or has expired.',
      );
    }
    // The upload URL is pre-authenticated; Graph's docs warn a bearer token here gives 401.
    if (request.headers.has('authorization')) {
      throw new GraphProblem(
        401,
        'unauthenticated',
        'Do not send an Authorization header to the upload URL.',
      );
    }
    switch (request.method) {
      case 'GET':
        return { status: 200, headers: {}, json: this.sessionStatus(session) };
      case 'DELETE':
        this.uploads.delete(session.id);
        return { status: 204, headers: {} };
      case 'PUT':
        return this.uploadFragment(session, request);
      default:
        throw new GraphProblem(
          405,
          'methodNotAllowed',
          'Use PUT, GET or DELETE on an upload URL.',
          {
            Allow: 'PUT, GET, DELETE',
          },
        );
    }
  }

  private uploadFragment(session: UploadSession, request: Incoming): Outgoing {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(request.headers.get('content-range') ?? '');
    if (range === null) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        'Content-Range must be bytes {start}-{end}/{total}.',
      );
    }
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    const length = end - start + 1;
    const declared = Number(request.headers.get('content-length') ?? request.body.length);
    if (end < start || end >= total || length !== request.body.length || declared !== length) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        'Content-Range, Content-Length and the body do not agree.',
      );
    }
    if (session.total !== null && session.total !== total) {
      throw new GraphProblem(400, 'invalidRequest', 'The total size changed during the upload.');
    }
    if (start !== session.next) {
      // Fragments go in order; a repeated or skipped range is refused with what is still missing.
      return {
        status: 416,
        headers: {},
        json: {
          error: {
            code: 'invalidRange',
            message: 'The fragment does not start where the server expects it.',
            innerError: { date: new Date().toISOString(), 'request-id': randomUUID() },
          },
          ...this.sessionStatus(session),
        },
      };
    }
    if (length > maxFragmentBytes) {
      throw new GraphProblem(400, 'invalidRequest', 'A fragment must be smaller than 60 MiB.');
    }
    const last = end === total - 1;
    if (!last && length % uploadFragmentUnit !== 0) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        'A fragment other than the last must be a multiple of 320 KiB.',
      );
    }
    session.total = total;
    session.received.push(Buffer.from(request.body));
    session.next = end + 1;
    session.expires = Date.now() + 15 * 60 * 1000;
    if (!last) return { status: 202, headers: {}, json: this.sessionStatus(session) };
    this.uploads.delete(session.id);
    return this.store(
      session.parentId,
      session.name,
      session.conflictBehavior,
      Buffer.concat(session.received),
      'application/octet-stream',
    );
  }

  // ---------------------------------------------------------------- lists

  private findList(idOrName: string): ListModel | undefined {
    return (
      this.lists.get(idOrName) ??
      [...this.lists.values()].find((list) => list.name.toLowerCase() === idOrName.toLowerCase())
    );
  }

  private siteJson(): Record<string, unknown> {
    return {
      id: this.siteId,
      name: 'registry',
      displayName: 'Registry',
      webUrl: `https://${this.sharePointHost}/sites/registry`,
    };
  }

  private driveJson(): Record<string, unknown> {
    return { id: this.driveId, name: 'Documents', driveType: 'documentLibrary' };
  }

  private listJson(list: ListModel): Record<string, unknown> {
    return {
      id: list.id,
      name: list.name,
      displayName: list.name,
      createdDateTime: list.created,
      list: { template: list.template, hidden: false },
    };
  }

  private columnJson(column: ColumnModel): Record<string, unknown> {
    const json: Record<string, unknown> = {
      id: column.id,
      name: column.name,
      displayName: column.displayName,
      description: '',
      enforceUniqueValues: false,
      hidden: false,
      indexed: column.indexed,
      readOnly: false,
      required: false,
    };
    switch (column.type) {
      case 'text':
        json['text'] = column.multiline
          ? // A Note field has no maximum length to report.
            {
              allowMultipleLines: true,
              appendChangesToExistingText: false,
              linesForEditing: 6,
              textType: 'plain',
            }
          : {
              allowMultipleLines: false,
              appendChangesToExistingText: false,
              linesForEditing: 0,
              maxLength: maxSingleLineTextLength,
              textType: 'plain',
            };
        break;
      case 'number':
        json['number'] = {};
        break;
      case 'boolean':
        json['boolean'] = {};
        break;
      case 'dateTime':
        json['dateTime'] = { displayAs: 'default', format: column.dateFormat };
        break;
    }
    return json;
  }

  private checkIndexLimit(list: ListModel, adding: number): void {
    const indexed = [...list.columns.values()].filter((c) => c.indexed).length;
    if (indexed + adding > maxIndexedColumns) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        `A list can have at most ${maxIndexedColumns} indexed columns.`,
      );
    }
  }

  /** Turns a columnDefinition from a request into a column of `list`, refusing what SharePoint would. */
  private columnFromRequest(
    list: ListModel,
    body: z.infer<typeof columnDefinitionSchema>,
  ): ColumnModel {
    const bad = (message: string): never => {
      throw new GraphProblem(400, 'invalidRequest', message);
    };
    if (!columnNamePattern.test(body.name) || body.name.length > maxColumnNameLength) {
      bad(
        `The column name must be 1 to ${maxColumnNameLength} letters, digits or underscores, not starting with a digit.`,
      );
    }
    const facets = (['text', 'number', 'boolean', 'dateTime'] as const).filter(
      (facet) => body[facet] !== undefined,
    );
    const type = facets[0];
    if (facets.length !== 1 || type === undefined) {
      bad('A column needs exactly one type facet: text, number, boolean or dateTime.');
    }
    const taken = [...list.columns.keys(), ...builtInFieldNames].some(
      (name) => name.toLowerCase() === body.name.toLowerCase(),
    );
    if (taken) {
      throw new GraphProblem(
        409,
        'nameAlreadyExists',
        `A column named '${body.name}' already exists in the list.`,
      );
    }
    const multiline = body.text?.allowMultipleLines === true;
    const maxLength = body.text?.maxLength;
    if (maxLength !== undefined) {
      if (multiline) bad('maxLength applies to single lines of text only.');
      if (maxLength < 1 || maxLength > maxSingleLineTextLength) {
        bad(`maxLength must be from 1 to ${maxSingleLineTextLength}.`);
      }
      // Shorter limits are not modelled: every single line is held to 255 characters.
      if (maxLength !== maxSingleLineTextLength) bad('Only maxLength 255 is modelled.');
    }
    if (multiline && body.indexed === true) {
      bad('A column of multiple lines of text cannot be indexed.');
    }
    return {
      id: randomUUID(),
      name: body.name,
      displayName: body.displayName ?? body.name,
      type: type ?? 'text',
      indexed: body.indexed ?? false,
      multiline,
      dateFormat: body.dateTime?.format ?? 'dateTime',
    };
  }

  private createListThroughGraph(request: Incoming): Outgoing {
    const body = this.readJson(request, createListSchema);
    const template = body.list?.template ?? 'genericList';
    if (template !== 'genericList') {
      // A document library would need a drive of its own; the one library exists from the start.
      throw new GraphProblem(
        400,
        'invalidRequest',
        `Only genericList lists can be created here, not ${template}.`,
      );
    }
    const taken = [...this.lists.values()].some(
      (list) => list.name.toLowerCase() === body.displayName.toLowerCase(),
    );
    if (taken) {
      throw new GraphProblem(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.',
      );
    }
    const list: ListModel = {
      id: randomUUID(),
      name: body.displayName,
      template: 'genericList',
      columns: columnMap([{ name: 'Title', type: 'text' }]),
      items: new Map(),
      nextItemId: 1,
      created: new Date().toISOString(),
    };
    for (const definition of body.columns ?? []) {
      const column = this.columnFromRequest(list, definition);
      if (column.indexed) this.checkIndexLimit(list, 1);
      list.columns.set(column.name, column);
    }
    this.lists.set(list.id, list);
    return { status: 201, headers: {}, json: this.listJson(list) };
  }

  private createColumn(list: ListModel, request: Incoming): Outgoing {
    const column = this.columnFromRequest(list, this.readJson(request, columnDefinitionSchema));
    if (column.indexed) this.checkIndexLimit(list, 1);
    list.columns.set(column.name, column);
    return { status: 201, headers: {}, json: this.columnJson(column) };
  }

  private updateColumn(list: ListModel, column: ColumnModel, request: Incoming): Outgoing {
    const { indexed } = this.readJson(request, updateColumnSchema);
    if (indexed && !column.indexed) {
      if (column.multiline) {
        throw new GraphProblem(
          400,
          'invalidRequest',
          'A column of multiple lines of text cannot be indexed.',
        );
      }
      this.checkIndexLimit(list, 1);
    }
    column.indexed = indexed;
    return { status: 200, headers: {}, json: this.columnJson(column) };
  }

  // ---------------------------------------------------------------- Teams

  private sendActivityNotification(teamId: string, request: Incoming): Outgoing {
    if (!this.teams.has(teamId)) {
      // Teams' own error code, as its endpoints answer an unknown team.
      throw new GraphProblem(404, 'NotFound', `No team found with id ${teamId}.`);
    }
    const body = this.readJson(request, activityNotificationSchema);
    const bad = (message: string): never => {
      throw new GraphProblem(400, 'BadRequest', message);
    };
    // Graph's docs: a webUrl must start with the Teams domain.
    const teamsUrl = (url: string): boolean => {
      try {
        const parsed = new URL(url);
        return parsed.protocol === 'https:' && parsed.hostname === 'teams.microsoft.com';
      } catch {
        return false;
      }
    };
    const { topic, recipient } = body;
    if (topic.source === 'text' && topic.webUrl === undefined) {
      bad('topic.webUrl is required when topic.source is text.');
    }
    if (topic.webUrl !== undefined && !teamsUrl(topic.webUrl)) {
      bad('topic.webUrl must be a https://teams.microsoft.com/ link.');
    }
    if (topic.source === 'entityUrl') {
      // Graph's docs: the entity must be the team of the request or one of its children.
      const prefix = `${graphOrigin}/v1.0/teams/${teamId}`;
      const betaPrefix = `${graphOrigin}/beta/teams/${teamId}`;
      const inTeam = [prefix, betaPrefix].some(
        (p) => topic.value === p || topic.value.startsWith(`${p}/`),
      );
      if (!inTeam) bad('topic.value must be a Graph URL of this team or of one of its children.');
    }
    // Graph writes the type with or without '#'; the older Microsoft.Teams.GraphSvc spelling in
    // some examples is refused (stricter), since the SDKs send microsoft.graph.
    const type = recipient['@odata.type'].replace(/^#/, '');
    const fields = Object.keys(recipient)
      .filter((k) => k !== '@odata.type')
      .sort()
      .join(',');
    switch (type) {
      case 'microsoft.graph.aadUserNotificationRecipient':
        if (fields !== 'userId') bad('An aadUserNotificationRecipient has a userId only.');
        break;
      case 'microsoft.graph.teamMembersNotificationRecipient':
        if (fields !== 'teamId') bad('A teamMembersNotificationRecipient has a teamId only.');
        if (recipient.teamId !== teamId) bad('recipient.teamId must be the team of the request.');
        break;
      case 'microsoft.graph.channelMembersNotificationRecipient':
        if (fields !== 'channelId,teamId') {
          bad('A channelMembersNotificationRecipient has a teamId and a channelId.');
        }
        if (recipient.teamId !== teamId) bad('recipient.teamId must be the team of the request.');
        break;
      default:
        bad(`Recipient type ${type} cannot be notified in a team.`);
    }
    const parameters = body.templateParameters ?? [];
    if (new Set(parameters.map((p) => p.name)).size !== parameters.length) {
      bad('A template parameter is given twice.');
    }
    if (body.activityType === 'systemDefault') {
      // The reserved type shows free text; the docs pass it as systemDefaultText (required here).
      if (!parameters.some((p) => p.name === 'systemDefaultText')) {
        bad('The systemDefault activity type needs a systemDefaultText template parameter.');
      }
    } else if (this.activityTypes !== null && !this.activityTypes.has(body.activityType)) {
      bad(`The activity type ${body.activityType} is not declared in the app manifest.`);
    }
    // previewText is not limited: Graph's docs say Teams shows its first 150 characters.
    this.sent.push({ teamId, body: structuredClone(body) });
    return { status: 204, headers: {} };
  }

  private fieldsJson(
    list: ListModel,
    item: ListItemModel,
    select?: Set<string>,
  ): Record<string, unknown> {
    const fields: Record<string, unknown> = { '@odata.etag': `"${this.etagOf(item)}"` };
    for (const [name, value] of Object.entries(item.fields)) {
      if (value !== null && (select === undefined || select.has(name))) fields[name] = value;
    }
    if (select === undefined || select.has('id')) fields['id'] = item.id;
    if (select === undefined) {
      fields['Created'] = item.created;
      fields['Modified'] = item.modified;
      fields['ContentType'] =
        list.template === 'genericList'
          ? 'Item'
          : item.driveItemId !== undefined && this.nodes.get(item.driveItemId)?.folder === true
            ? 'Folder'
            : 'Document';
    }
    return fields;
  }

  /** Parses `expand=fields` / `$expand=fields(select=A,B)`; undefined when fields are not expanded. */
  private expandedFields(request: Incoming): { select?: Set<string> } | undefined {
    const expand = request.query.get('$expand') ?? request.query.get('expand');
    if (expand === null) return undefined;
    const match = /^fields(?:\(\$?select=([A-Za-z0-9_,]+)\))?$/.exec(expand);
    if (match === null)
      throw new GraphProblem(400, 'invalidRequest', 'Only expand=fields is supported.');
    return match[1] === undefined ? {} : { select: new Set(match[1].split(',')) };
  }

  private listItemJson(
    list: ListModel,
    item: ListItemModel,
    request: Incoming,
  ): Record<string, unknown> {
    const json: Record<string, unknown> = {
      '@odata.etag': `"${this.etagOf(item)}"`,
      id: item.id,
      eTag: `"${this.etagOf(item)}"`,
      createdDateTime: item.created,
      lastModifiedDateTime: item.modified,
      parentReference: { id: list.id, siteId: this.siteId },
    };
    const expanded = this.expandedFields(request);
    if (expanded !== undefined) json['fields'] = this.fieldsJson(list, item, expanded.select);
    return json;
  }

  private getFields(list: ListModel, item: ListItemModel): Outgoing {
    return {
      status: 200,
      headers: { ETag: `"${this.etagOf(item)}"` },
      json: this.fieldsJson(list, item),
    };
  }

  private checkValues(list: ListModel, values: Record<string, FieldValue>): void {
    for (const [name, value] of Object.entries(values)) {
      const column = list.columns.get(name);
      if (column === undefined) {
        throw new GraphProblem(400, 'invalidRequest', `Field '${name}' is not recognized.`);
      }
      if (value === null) continue;
      const ok =
        column.type === 'text'
          ? typeof value === 'string'
          : column.type === 'number'
            ? typeof value === 'number'
            : column.type === 'boolean'
              ? typeof value === 'boolean'
              : typeof value === 'string' && !Number.isNaN(Date.parse(value));
      if (!ok)
        throw new GraphProblem(
          400,
          'invalidRequest',
          `Field '${name}' takes a ${column.type} value.`,
        );
      if (
        column.type === 'text' &&
        !column.multiline &&
        typeof value === 'string' &&
        value.length > maxSingleLineTextLength
      ) {
        throw new GraphProblem(
          400,
          'invalidRequest',
          `The value exceeds the maximum length of ${maxSingleLineTextLength} characters for field '${name}'.`,
        );
      }
      if (
        column.type === 'text' &&
        column.multiline &&
        typeof value === 'string' &&
        value.length > maxMultilineTextLength
      ) {
        throw new GraphProblem(
          400,
          'invalidRequest',
          `The value exceeds the maximum length of ${maxMultilineTextLength} characters for field '${name}'.`,
        );
      }
    }
  }

  private checkIfMatch(request: Incoming, item: ListItemModel, code: string): void {
    const ifMatch = request.headers.get('if-match');
    if (ifMatch === undefined || ifMatch.trim() === '*') return;
    const current = this.etagOf(item);
    // Drive items quote their GUID in braces; list items do not. Either form names the same version.
    const given = stripQuotes(ifMatch.trim())
      .replace(/^\{([^}]+)\}/, '$1')
      .toLowerCase();
    if (given !== current.toLowerCase()) {
      throw new GraphProblem(412, code, 'The eTag does not match the current version of the item.');
    }
  }

  private patchFields(list: ListModel, item: ListItemModel, request: Incoming): Outgoing {
    const values = this.readJson(request, fieldValueSetSchema);
    this.checkValues(list, values);
    if (list.template === 'documentLibrary' && 'FileLeafRef' in values) {
      throw new GraphProblem(
        400,
        'invalidRequest',
        'Rename a file through the drive item, not FileLeafRef.',
      );
    }
    this.checkIfMatch(request, item, 'preconditionFailed');
    Object.assign(item.fields, values);
    item.version++;
    item.modified = new Date().toISOString();
    return this.getFields(list, item);
  }

  private createListItem(list: ListModel, request: Incoming): Outgoing {
    if (list.template === 'documentLibrary') {
      throw new GraphProblem(400, 'invalidRequest', 'Create library items through the drive.');
    }
    const body = this.readJson(request, createListItemSchema);
    this.checkValues(list, body.fields);
    const now = new Date().toISOString();
    const item: ListItemModel = {
      id: String(list.nextItemId++),
      guid: randomUUID(),
      version: 1,
      fields: { ...body.fields },
      created: now,
      modified: now,
    };
    list.items.set(item.id, item);
    return {
      status: 201,
      headers: { ETag: `"${this.etagOf(item)}"` },
      json: {
        ...this.listItemJson(list, item, { ...request, query: new URLSearchParams() }),
        fields: this.fieldsJson(list, item),
      },
    };
  }

  private queryItems(list: ListModel, request: Incoming): Outgoing {
    const filter = request.query.get('$filter');
    let clauses: FilterClause[] = [];
    if (filter !== null) {
      clauses = parseFilter(filter);
      const honour = (request.headers.get('prefer') ?? '').includes(nonIndexedQueryPreference);
      for (const clause of clauses) {
        const column = list.columns.get(clause.field);
        if (column === undefined)
          throw new GraphProblem(
            400,
            'invalidRequest',
            `Field '${clause.field}' is not recognized.`,
          );
        if (!column.indexed && !honour) {
          throw new GraphProblem(
            400,
            'invalidRequest',
            `Field '${clause.field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${nonIndexedQueryPreference}' header to allow this, but be warned that such queries may fail on large lists.`,
          );
        }
      }
    }
    const matching = [...list.items.values()].filter((item) =>
      clauses.every((clause) => compare(item.fields[clause.field], clause)),
    );
    return this.page(
      matching.map((item) => this.listItemJson(list, item, request)),
      request,
    );
  }

  // ---------------------------------------------------------------- $batch

  private handleBatch(request: Incoming): Outgoing {
    const { requests } = this.readJson(request, batchSchema);
    const bad = (message: string): never => {
      throw new GraphProblem(400, 'invalidRequest', message);
    };
    if (requests.length === 0) bad('A batch must hold at least one request.');
    if (requests.length > maxBatchRequests) {
      bad(`A batch holds at most ${maxBatchRequests} requests; this one holds ${requests.length}.`);
    }
    const ids = new Set<string>();
    for (const sub of requests) {
      if (ids.has(sub.id)) bad(`The request id ${sub.id} occurs twice.`);
      ids.add(sub.id);
      if (/^[a-z][a-z0-9+.-]*:/i.test(sub.url))
        bad(`Request ${sub.id}: the url must be relative to the version.`);
      const hasContentType = Object.keys(sub.headers ?? {}).some(
        (key) => key.toLowerCase() === 'content-type',
      );
      if (sub.body !== undefined && !hasContentType) {
        bad(`Write request id : ${sub.id} does not contain Content-Type header or body.`);
      }
    }
    for (const sub of requests) {
      for (const dependency of sub.dependsOn ?? []) {
        if (!ids.has(dependency))
          bad(`Request ${sub.id} depends on ${dependency}, which is not in the batch.`);
      }
    }

    const outcomes = new Map<
      string,
      { status: number; headers: Record<string, string>; body?: unknown }
    >();
    const pending = [...requests];
    while (pending.length > 0) {
      const index = pending.findIndex((sub) => (sub.dependsOn ?? []).every((d) => outcomes.has(d)));
      if (index < 0) bad('The dependsOn references form a cycle.');
      const [sub] = pending.splice(index, 1);
      if (sub === undefined) break;
      outcomes.set(sub.id, this.runBatchItem(sub, request, outcomes));
    }
    const responses = requests.map((sub) => ({ id: sub.id, ...outcomes.get(sub.id) }));
    // Graph gives no order; shuffling keeps clients from relying on one.
    for (let i = responses.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const a = responses[i];
      const b = responses[j];
      if (a !== undefined && b !== undefined) {
        responses[i] = b;
        responses[j] = a;
      }
    }
    return { status: 200, headers: {}, json: { responses } };
  }

  private runBatchItem(
    sub: z.infer<typeof batchSchema>['requests'][number],
    envelope: Incoming,
    outcomes: Map<string, { status: number }>,
  ): { status: number; headers: Record<string, string>; body?: unknown } {
    const relative = sub.url.startsWith('/') ? sub.url : `/${sub.url}`;
    // The SDK's BatchRequestContent keeps the version in the url; Graph accepts both forms.
    const url = relative.replace(/^\/(v1\.0)(?=\/)/, '');
    const [rawPath = '/', search = ''] = url.split('?', 2) as [string?, string?];
    const headers = new Map<string, string>();
    for (const [key, value] of Object.entries(sub.headers ?? {}))
      headers.set(key.toLowerCase(), value);
    // A sub-request is made for whoever made the batch.
    const authorization = envelope.headers.get('authorization');
    if (authorization !== undefined) headers.set('authorization', authorization);
    // Graph's JSON batching: a body is a JSON value when the request's Content-Type is JSON, and
    // otherwise a base64 string of the bytes (an uploaded file); the answer to such a request
    // comes back base64 encoded too, JSON or not.
    const base64Body =
      sub.body !== undefined && !isJsonContentType(headers.get('content-type') ?? '');
    let body: Buffer;
    if (sub.body === undefined) body = Buffer.alloc(0);
    else if (!base64Body) body = Buffer.from(JSON.stringify(sub.body), 'utf8');
    else if (typeof sub.body === 'string' && base64Pattern.test(sub.body)) {
      body = Buffer.from(sub.body, 'base64');
    } else {
      return this.errorOutgoing(
        400,
        'invalidRequest',
        `Request ${sub.id}: a body that is not JSON must be a base64 string.`,
        {},
        headers,
      );
    }
    const incoming: Incoming = {
      method: sub.method,
      rawPath,
      query: new URLSearchParams(search),
      headers,
      body,
      batched: true,
    };
    const entry: RequestLogEntry = {
      method: sub.method,
      pattern: '(unknown)',
      status: 0,
      batched: true,
      batchItemId: sub.id,
    };
    this.log.push(entry);
    let outgoing: Outgoing;
    try {
      const routed = rawPath === '/$batch' ? null : this.route(incoming, entry);
      entry.pattern = routed?.pattern ?? '/$batch';
      const failedDependency = (sub.dependsOn ?? []).find(
        (d) => (outcomes.get(d)?.status ?? 500) >= 400,
      );
      const failure = this.takeFailure(sub.method, entry.pattern, 'batchItem');
      if (failedDependency !== undefined) {
        outgoing = this.errorOutgoing(
          424,
          'failedDependency',
          `Request ${failedDependency} failed.`,
          {},
          headers,
        );
      } else if (failure !== null) {
        entry.injected = 'failure';
        outgoing = failure;
      } else if (routed === null) {
        throw new GraphProblem(400, 'invalidRequest', 'A batch cannot hold a batch.');
      } else {
        outgoing = this.runAs(incoming, routed);
      }
    } catch (error) {
      outgoing = this.problemResponse(error, headers);
    }
    entry.status = outgoing.status;
    const responseHeaders = { ...outgoing.headers };
    let responseBody: unknown;
    if (outgoing.json !== undefined && base64Body) {
      responseHeaders['Content-Type'] = jsonContentType;
      responseBody = Buffer.from(JSON.stringify(outgoing.json), 'utf8').toString('base64');
    } else if (outgoing.json !== undefined) {
      // BatchResponseContent parses a body as JSON only when this key is spelled exactly so.
      responseHeaders['Content-Type'] = jsonContentType;
      responseBody = outgoing.json;
    } else if (outgoing.bytes !== undefined) {
      responseBody = outgoing.bytes.toString('base64');
    }
    return responseBody === undefined
      ? { status: outgoing.status, headers: responseHeaders }
      : { status: outgoing.status, headers: responseHeaders, body: responseBody };
  }
}
