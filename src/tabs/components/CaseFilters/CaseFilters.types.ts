import type { CaseListView, UpdateCaseListView } from '../CaseList/CaseList.types.js';

/** Props of CaseFilters. */
export interface CaseFiltersProps {
  view: CaseListView;
  onChange: UpdateCaseListView;
}
