/**
 * What the access log shows: the reads of one case or of all, and which page. It lives in the
 * address (`#/access-log?caseId=…&page=2`), so a filtered log can be shared and survives a reload.
 */
export interface AccessLogView {
  /** The case whose reads are shown; undefined for every case. */
  caseId: string | undefined;
  /** 1-based. */
  page: number;
}

/** What a logged read was of, as the server writes it (`case`, `events`, `documents`, `document:<id>`). */
export type ReadTarget =
  | { kind: 'case' }
  | { kind: 'events' }
  | { kind: 'documents' }
  | { kind: 'document'; documentId: string }
  /** Anything newer than this tab: shown as the server wrote it. */
  | { kind: 'other'; text: string };
