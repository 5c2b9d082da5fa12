import type { Actor, CaseAccess } from '../../core/access.js';
import type { CaseRecord, StoredCaseEvent } from '../../core/cases.js';
import type { Area, DeviationType } from '../../core/fields.js';
import type { AccessLogEntry, CaseSortKey, DocumentRef } from '../../core/ports.js';
import type {
  BreachAssessment,
  CaseLogEntry,
  CaseLogEntryInput,
  Investigation,
} from '../../core/investigation.js';
import type { Report } from '../../core/reports.js';
import type { CaseState, WorkflowStep } from '../../core/workflow.js';

/**
 * The JSON the server's `/api/*` answers with, as the tab reads it. The shapes are the core's
 * (imported as types only, so nothing of the server reaches the bundle).
 */

/**
 * A case as the server shows it to one viewer: the fields of their view, the rest absent.
 * Mirrors `VisibleCase` of `src/core/service.ts`, which cannot be imported here (it pulls in
 * node:crypto).
 */
export type VisibleCase = Pick<
  CaseRecord,
  'id' | 'version' | 'type' | 'state' | 'registrationNumber' | 'registry' | 'protectedIdentity'
> &
  Partial<CaseRecord>;

/** One case with what the viewer may see and do (`GET /api/cases/:id`, and each list item). */
export interface CaseForViewer {
  access: CaseAccess;
  case: VisibleCase;
}

/** One page of `GET /api/cases`. */
export interface CaseListPage {
  total: number;
  items: CaseForViewer[];
}

/** What the list can be sorted by (the server's `sort`). */
export type { CaseSortKey };

/** A sort direction. */
export type SortDirection = 'asc' | 'desc';

/** The filters, search, sort and page of `GET /api/cases`; absent means "no filter". */
export interface CaseListQuery {
  types?: DeviationType[];
  states?: CaseState[];
  unit?: string;
  area?: Area;
  assignedToMe?: boolean;
  overdue?: boolean;
  search?: string;
  sort?: CaseSortKey;
  direction?: SortDirection;
  limit?: number;
  offset?: number;
}

/** The signed-in person (`GET /api/me`). */
export type Me = Actor;

/** A demo user of local mode (`GET /dev/users`). */
export interface DemoUser {
  id: string;
  name: string;
  title?: string;
  roles: string[];
  groups: string[];
}

export type {
  AccessLogEntry,
  BreachAssessment,
  CaseLogEntry,
  CaseLogEntryInput,
  DocumentRef,
  Investigation,
  StoredCaseEvent,
};

/** The steps a user takes from the tab (`POST /api/cases/:id/steps`); `submit` is the bot's. */
export type CaseStep = Exclude<WorkflowStep, 'submit'>;

/** `GET /api/cases/:id/events`. */
export interface CaseEventList {
  events: StoredCaseEvent[];
}

/** The filters of `GET /api/access-log`. */
export interface AccessLogQuery {
  caseId?: string;
  limit?: number;
  offset?: number;
}

/** A report as filed with `POST /api/reports`: the type and the SPEC field ids' answers. */
export type NewReport = Report;
