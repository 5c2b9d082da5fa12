import { useCallback } from 'react';
import { areas, deviationTypes, type Area, type DeviationType } from '../../../core/fields.js';
import { caseStates, type CaseState } from '../../../core/workflow.js';
import { useDebouncedText } from '../../app/useDebouncedText.js';
import { defaultView, isFiltered } from '../CaseList/caseListView.js';
import type { CaseFiltersProps } from './CaseFilters.types.js';

function isDeviationType(value: string): value is DeviationType {
  return (deviationTypes as readonly string[]).includes(value);
}
function isCaseState(value: string): value is CaseState {
  return (caseStates as readonly string[]).includes(value);
}
function isArea(value: string): value is Area {
  return (areas as readonly string[]).includes(value);
}

/** The filters' handlers: lists and flags apply at once, typed texts after a pause. */
export function useCaseFilters({ view, onChange }: CaseFiltersProps) {
  const commitSearch = useCallback(
    (search: string) => {
      onChange({ search }, { replace: true });
    },
    [onChange],
  );
  const commitUnit = useCallback(
    (unit: string) => {
      onChange({ unit }, { replace: true });
    },
    [onChange],
  );
  const [search, setSearch] = useDebouncedText(view.search, commitSearch);
  const [unit, setUnit] = useDebouncedText(view.unit, commitUnit);

  return {
    search,
    setSearch,
    unit,
    setUnit,
    filtered: isFiltered(view),
    setTypes: (values: string[]) => {
      onChange({ types: values.filter(isDeviationType) });
    },
    setStates: (values: string[]) => {
      onChange({ states: values.filter(isCaseState) });
    },
    setArea: (value: string | undefined) => {
      onChange({ area: value !== undefined && isArea(value) ? value : undefined });
    },
    setAssignedToMe: (checked: boolean) => {
      onChange({ assignedToMe: checked });
    },
    setOverdue: (checked: boolean) => {
      onChange({ overdue: checked });
    },
    clear: () => {
      // Keeps the chosen order: clearing filters is not a new sort.
      onChange({ ...defaultView, sort: view.sort, direction: view.direction });
    },
  };
}
