import type { Area, DeviationType } from '../../../core/fields.js';
import type { CaseState } from '../../../core/workflow.js';
import type { CaseSortKey, SortDirection } from '../../api/types.js';

/**
 * What the list shows: filters, search, sort and page. It lives in the address (`#/cases?…`),
 * so a filtered list can be shared as a link and survives a reload.
 */
export interface CaseListView {
  types: DeviationType[];
  states: CaseState[];
  /** The unit's exact name; empty for any. */
  unit: string;
  area: Area | undefined;
  assignedToMe: boolean;
  overdue: boolean;
  /** Text searched in registration numbers and titles; empty for none. */
  search: string;
  sort: CaseSortKey;
  direction: SortDirection;
  /** 1-based. */
  page: number;
}

/** A change to the view; `replace` keeps it out of the browser history. */
export type UpdateCaseListView = (
  change: Partial<CaseListView>,
  options?: { replace?: boolean },
) => void;

/** The columns the server can sort by, shown as sortable headers. */
export type SortableColumn = Exclude<CaseSortKey, 'updatedAt'>;
