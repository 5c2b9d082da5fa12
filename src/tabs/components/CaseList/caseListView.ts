import { areas, deviationTypes, type Area, type DeviationType } from '../../../core/fields.js';
import { caseStates, type CaseState } from '../../../core/workflow.js';
import type { CaseListQuery, CaseSortKey, SortDirection } from '../../api/types.js';
import type { CaseListView } from './CaseList.types.js';

/** Cases per page. */
export const PAGE_SIZE = 50;

const sortKeys: readonly CaseSortKey[] = [
  'receivedAt',
  'registrationNumber',
  'nextDeadlineAt',
  'updatedAt',
];

/** The server's order when none is chosen: newest first. */
export const defaultView: Readonly<CaseListView> = Object.freeze({
  types: [],
  states: [],
  unit: '',
  area: undefined,
  assignedToMe: false,
  overdue: false,
  search: '',
  sort: 'receivedAt',
  direction: 'desc',
  page: 1,
});

function listOf<T extends string>(text: string | null, allowed: readonly T[]): T[] {
  if (text === null) return [];
  const chosen = new Set(text.split(','));
  // In the allowed order, so the same filter always makes the same address.
  return allowed.filter((value) => chosen.has(value));
}

function oneOf<T extends string>(text: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((value) => value === text);
}

/** Reads the view from the address's query; unknown or malformed values fall back to the defaults. */
export function viewFromParams(params: URLSearchParams): CaseListView {
  const page = Number(params.get('page'));
  return {
    types: listOf<DeviationType>(params.get('type'), deviationTypes),
    states: listOf<CaseState>(params.get('state'), caseStates),
    unit: params.get('unit') ?? '',
    area: oneOf<Area>(params.get('area'), areas),
    assignedToMe: params.get('assignedToMe') === 'true',
    overdue: params.get('overdue') === 'true',
    search: params.get('search') ?? '',
    sort: oneOf(params.get('sort'), sortKeys) ?? defaultView.sort,
    direction:
      oneOf<SortDirection>(params.get('direction'), ['asc', 'desc']) ?? defaultView.direction,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The address query of a view; defaults are left out, so the plain list is plain `#/cases`. */
export function paramsFromView(view: CaseListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.types.length > 0) params.set('type', view.types.join(','));
  if (view.states.length > 0) params.set('state', view.states.join(','));
  if (view.unit !== '') params.set('unit', view.unit);
  if (view.area !== undefined) params.set('area', view.area);
  if (view.assignedToMe) params.set('assignedToMe', 'true');
  if (view.overdue) params.set('overdue', 'true');
  if (view.search !== '') params.set('search', view.search);
  if (view.sort !== defaultView.sort || view.direction !== defaultView.direction) {
    params.set('sort', view.sort);
    params.set('direction', view.direction);
  }
  if (view.page > 1) params.set('page', String(view.page));
  return params;
}

/** The API query of a view: the same filters, and the page as limit and offset. */
export function queryFromView(view: CaseListView): CaseListQuery {
  return {
    ...(view.types.length > 0 ? { types: view.types } : {}),
    ...(view.states.length > 0 ? { states: view.states } : {}),
    ...(view.unit.trim() !== '' ? { unit: view.unit.trim() } : {}),
    ...(view.area !== undefined ? { area: view.area } : {}),
    ...(view.assignedToMe ? { assignedToMe: true } : {}),
    ...(view.overdue ? { overdue: true } : {}),
    ...(view.search.trim() !== '' ? { search: view.search.trim() } : {}),
    sort: view.sort,
    direction: view.direction,
    limit: PAGE_SIZE,
    offset: (view.page - 1) * PAGE_SIZE,
  };
}

/** Whether any filter or search narrows the list (the empty state then says so). */
export function isFiltered(view: CaseListView): boolean {
  return (
    view.types.length > 0 ||
    view.states.length > 0 ||
    view.unit !== '' ||
    view.area !== undefined ||
    view.assignedToMe ||
    view.overdue ||
    view.search !== ''
  );
}
