import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Styles of CaseFilters: a wrapping row of fields, the search first and widest. Widths are in
 * rem, so the fields grow with the user's text size (WCAG 1.4.4) instead of clipping it.
 */
export const useCaseFiltersStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    // Labels line up at the top even when a field has a hint below it.
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  search: {
    flexGrow: 1,
    flexBasis: '18rem',
    maxWidth: '30rem',
  },
  field: {
    flexBasis: '12rem',
    minWidth: '10rem',
  },
  dropdown: {
    minWidth: '10rem',
    width: '100%',
  },
  checks: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
});
