import type { ReactNode } from 'react';
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  SearchBox,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { areas, deviationTypeLabels, deviationTypes, optionLabel } from '../../../core/fields.js';
import { caseStates, stateLabels } from '../../../core/workflow.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { CaseFiltersProps } from './CaseFilters.types.js';
import { useCaseFilters } from './useCaseFilters.js';
import { useCaseFiltersStyles } from './useCaseFiltersStyles.styles.js';

/** Search, type, state, unit, area, "assigned to me" and "overdue": every filter the server has. */
export function CaseFilters(props: CaseFiltersProps): ReactNode {
  const { view } = props;
  const { t, locale } = useI18n();
  const state = useCaseFilters(props);
  const styles = useCaseFiltersStyles();
  const typeText = view.types.map((type) => deviationTypeLabels[type][locale]).join(', ');
  const stateText = view.states.map((value) => stateLabels[value][locale]).join(', ');
  const areaText =
    view.area === undefined ? t.filters.anyArea : optionLabel('area', view.area)[locale];

  return (
    <form
      role="search"
      aria-label={t.filters.heading}
      className={styles.root}
      onSubmit={(event) => {
        // Everything applies as it changes; Enter in a field must not reload the page.
        event.preventDefault();
      }}
    >
      <Field label={t.filters.search} className={styles.search}>
        <SearchBox
          value={state.search}
          onChange={(_event, data) => {
            state.setSearch(data.value);
          }}
        />
      </Field>
      <Field label={t.filters.type} className={styles.field}>
        <Dropdown
          className={styles.dropdown}
          multiselect
          placeholder={t.filters.anyType}
          value={typeText}
          selectedOptions={view.types}
          onOptionSelect={(_event, data) => {
            state.setTypes(data.selectedOptions);
          }}
        >
          {deviationTypes.map((type) => (
            <Option key={type} value={type}>
              {deviationTypeLabels[type][locale]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t.filters.state} className={styles.field}>
        <Dropdown
          className={styles.dropdown}
          multiselect
          placeholder={t.filters.anyState}
          value={stateText}
          selectedOptions={view.states}
          onOptionSelect={(_event, data) => {
            state.setStates(data.selectedOptions);
          }}
        >
          {caseStates.map((value) => (
            <Option key={value} value={value}>
              {stateLabels[value][locale]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t.filters.unit} hint={t.filters.unitHint} className={styles.field}>
        <Input
          value={state.unit}
          onChange={(_event, data) => {
            state.setUnit(data.value);
          }}
        />
      </Field>
      <Field label={t.filters.area} className={styles.field}>
        <Dropdown
          className={styles.dropdown}
          value={areaText}
          selectedOptions={[view.area ?? '']}
          onOptionSelect={(_event, data) => {
            state.setArea(data.optionValue === '' ? undefined : data.optionValue);
          }}
        >
          <Option value="">{t.filters.anyArea}</Option>
          {areas.map((area) => (
            <Option key={area} value={area}>
              {optionLabel('area', area)[locale]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.checks}>
        <Checkbox
          label={t.filters.assignedToMe}
          checked={view.assignedToMe}
          onChange={(_event, data) => {
            state.setAssignedToMe(data.checked === true);
          }}
        />
        <Checkbox
          label={t.filters.overdue}
          checked={view.overdue}
          onChange={(_event, data) => {
            state.setOverdue(data.checked === true);
          }}
        />
        {/* Stays in place and in the tab order when there is nothing to clear, so focus never drops. */}
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          disabledFocusable={!state.filtered}
          onClick={state.clear}
        >
          {t.filters.clear}
        </Button>
      </div>
    </form>
  );
}
