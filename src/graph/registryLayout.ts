/**
 * How the registry (diarium) is laid out in SharePoint: the document library's folders, its
 * metadata columns and the two helper lists. The store adapter reads and writes this layout;
 * `npm run provision` creates it. One module, so the two cannot drift apart.
 *
 *   Diarium (document library)
 *   ├── Ärenden/<routed group>/<year>/<case id>/      one folder per case, metadata in columns,
 *   │                                                 documents and attachments inside
 *   └── System/                                       the service's own: no user grants
 *       ├── Nycklar/<sha-256 of idempotency key>.json one filing journal per submission
 *       └── Väntande/<file id>-<name>                 attachments sent before their report
 *
 *   Avvikelse-diarienummer (list)   one counter item per series and year, updated under If-Match
 *   Avvikelse-åtkomstlogg (list)    append-only reads of protected cases
 *
 * Grants go on `Ärenden/<routed group>` (one unique scope per group, inherited by every year and
 * case below), and on a case folder only when the case has protected identity.
 */

/** A column the registry needs, in the terms of Graph's columnDefinition. */
export interface RegistryColumn {
  name: string;
  displayName: string;
  type: 'text' | 'multilineText' | 'number' | 'boolean' | 'dateTime';
  /** Filtered on by the store: indexed, so queries work past the 5,000-item list view threshold. */
  indexed: boolean;
}

/** Column names of the document library (internal names: ASCII, no spaces). */
export const libraryColumn = {
  kind: 'AvvKind',
  caseId: 'AvvCaseId',
  registrationNumber: 'AvvRegistrationNumber',
  type: 'AvvType',
  state: 'AvvState',
  unit: 'AvvUnit',
  area: 'AvvArea',
  received: 'AvvReceived',
  deadline: 'AvvDeadline',
  protectedIdentity: 'AvvProtected',
  routedGroup: 'AvvRoutedGroup',
  reporterId: 'AvvReporterId',
  version: 'AvvVersion',
  record: 'AvvRecord',
  events: 'AvvEvents',
  driveItemId: 'AvvDriveItemId',
  documentId: 'AvvDocumentId',
  documentKind: 'AvvDocumentKind',
  name: 'AvvName',
  mediaType: 'AvvMediaType',
  size: 'AvvSize',
  sha256: 'AvvSha256',
  createdAt: 'AvvCreatedAt',
  createdBy: 'AvvCreatedBy',
  owner: 'AvvOwner',
} as const;

/** What a library item is to the store (the `AvvKind` column). */
export type LibraryItemKind = 'case' | 'document' | 'pending';

const c = libraryColumn;

/** The library's columns, with their Swedish display names. */
export const libraryColumns: readonly RegistryColumn[] = [
  { name: c.kind, displayName: 'Avvikelse: post', type: 'text', indexed: true },
  { name: c.caseId, displayName: 'Ärende-id', type: 'text', indexed: true },
  { name: c.registrationNumber, displayName: 'Diarienummer', type: 'text', indexed: true },
  { name: c.type, displayName: 'Typ', type: 'text', indexed: true },
  { name: c.state, displayName: 'Status', type: 'text', indexed: true },
  { name: c.unit, displayName: 'Enhet', type: 'text', indexed: false },
  { name: c.area, displayName: 'Verksamhetsområde', type: 'text', indexed: false },
  { name: c.received, displayName: 'Inkommen', type: 'dateTime', indexed: true },
  { name: c.deadline, displayName: 'Nästa frist', type: 'dateTime', indexed: true },
  { name: c.protectedIdentity, displayName: 'Skyddad identitet', type: 'boolean', indexed: false },
  { name: c.routedGroup, displayName: 'Handläggargrupp', type: 'text', indexed: true },
  { name: c.reporterId, displayName: 'Rapportör (id)', type: 'text', indexed: true },
  { name: c.version, displayName: 'Version', type: 'number', indexed: false },
  { name: c.record, displayName: 'Ärendedata (JSON)', type: 'multilineText', indexed: false },
  { name: c.events, displayName: 'Händelser (JSON)', type: 'multilineText', indexed: false },
  { name: c.driveItemId, displayName: 'Objekt-id', type: 'text', indexed: false },
  { name: c.documentId, displayName: 'Dokument-id', type: 'text', indexed: true },
  { name: c.documentKind, displayName: 'Dokumenttyp', type: 'text', indexed: false },
  { name: c.name, displayName: 'Filnamn', type: 'text', indexed: false },
  { name: c.mediaType, displayName: 'Medietyp', type: 'text', indexed: false },
  { name: c.size, displayName: 'Storlek (byte)', type: 'number', indexed: false },
  { name: c.sha256, displayName: 'SHA-256', type: 'text', indexed: false },
  { name: c.createdAt, displayName: 'Skapad', type: 'text', indexed: false },
  { name: c.createdBy, displayName: 'Skapad av (id)', type: 'text', indexed: false },
  { name: c.owner, displayName: 'Ägare (väntande fil)', type: 'text', indexed: true },
];

/** Column names of the registration counter list. */
export const counterColumn = {
  key: 'AvvCounterKey',
  series: 'AvvSeries',
  year: 'AvvYear',
  lastSequence: 'AvvLastSequence',
  lastCaseId: 'AvvLastCaseId',
  lastCaseItemId: 'AvvLastCaseItemId',
} as const;

/** Column names of the access log list. */
export const accessLogColumn = {
  entryId: 'AvvEntryId',
  at: 'AvvAt',
  actorId: 'AvvActorId',
  actorName: 'AvvActorName',
  caseId: 'AvvCaseId',
  registrationNumber: 'AvvRegistrationNumber',
  what: 'AvvWhat',
} as const;

/** The helper lists and their columns. */
export const registryLists = {
  counters: {
    displayName: 'Avvikelse-diarienummer',
    columns: [
      { name: counterColumn.key, displayName: 'Serie och år', type: 'text', indexed: true },
      { name: counterColumn.series, displayName: 'Serie', type: 'text', indexed: false },
      { name: counterColumn.year, displayName: 'År', type: 'number', indexed: false },
      {
        name: counterColumn.lastSequence,
        displayName: 'Senaste löpnummer',
        type: 'number',
        indexed: false,
      },
      {
        name: counterColumn.lastCaseId,
        displayName: 'Senaste ärende',
        type: 'text',
        indexed: false,
      },
      {
        name: counterColumn.lastCaseItemId,
        displayName: 'Senaste ärendets post',
        type: 'text',
        indexed: false,
      },
    ],
  },
  accessLog: {
    displayName: 'Avvikelse-åtkomstlogg',
    columns: [
      { name: accessLogColumn.entryId, displayName: 'Post-id', type: 'text', indexed: false },
      { name: accessLogColumn.at, displayName: 'Tidpunkt', type: 'text', indexed: false },
      { name: accessLogColumn.actorId, displayName: 'Person (id)', type: 'text', indexed: false },
      { name: accessLogColumn.actorName, displayName: 'Person', type: 'text', indexed: false },
      { name: accessLogColumn.caseId, displayName: 'Ärende-id', type: 'text', indexed: true },
      {
        name: accessLogColumn.registrationNumber,
        displayName: 'Diarienummer',
        type: 'text',
        indexed: false,
      },
      { name: accessLogColumn.what, displayName: 'Vad', type: 'text', indexed: false },
    ],
  },
} as const satisfies Record<string, { displayName: string; columns: readonly RegistryColumn[] }>;

/** Top folders of the library. */
export const registryFolders = {
  cases: 'Ärenden',
  system: 'System',
  keys: 'Nycklar',
  pending: 'Väntande',
} as const;

/** The drive path of a case's folder: cases/<routed group>/<year>/<case id>. */
export function caseFolderPath(routedGroup: string, year: string, caseId: string): string[] {
  return [registryFolders.cases, safeName(routedGroup), year, safeName(caseId)];
}

/** Characters SharePoint refuses in file and folder names (control characters apart). */
const forbiddenInName = /["*:<>?/\\|#%]/g;

function withoutControlCharacters(name: string): string {
  return Array.from(name)
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '_' : ch))
    .join('');
}

/**
 * A name SharePoint accepts for `name`: forbidden characters become `_`, leading and trailing
 * spaces and dots go, and it is cut to 120 characters (a path must stay under 400 in all).
 */
export function safeName(name: string): string {
  const cleaned = withoutControlCharacters(name)
    .replace(forbiddenInName, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120)
    .replace(/[\s.]+$/g, '');
  return cleaned === '' || cleaned.startsWith('~$') ? `_${cleaned}` : cleaned;
}
