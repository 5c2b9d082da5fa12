import { makeStyles, tokens } from '@fluentui/react-components';
import { useCaseFormStyles } from '../useAutosave/useCaseFormStyles.styles.js';

/** What only the investigation form has: fieldsets, root causes, the list of investigators. */
const useInvestigationOwnStyles = makeStyles({
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: '0',
    padding: '0',
    border: 'none',
    minWidth: '0',
  },
  legend: {
    padding: '0',
    marginBlockEnd: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  cause: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  causeText: {
    paddingInlineStart: tokens.spacingHorizontalXXL,
  },
  list: {
    margin: '0',
    padding: '0',
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  listItem: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
  },
  addRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  addField: {
    flexGrow: 1,
    flexBasis: '12rem',
  },
  error: {
    margin: '0',
    color: tokens.colorPaletteRedForeground1,
  },
  note: {
    margin: '0',
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** Styles of InvestigationForm: the case forms' shared styles and its own. */
export function useInvestigationFormStyles(): ReturnType<typeof useCaseFormStyles> &
  ReturnType<typeof useInvestigationOwnStyles> {
  return { ...useCaseFormStyles(), ...useInvestigationOwnStyles() };
}
