import { makeStyles, tokens } from '@fluentui/react-components';
import { useTableStyles } from '../CaseList/useTableStyles.styles.js';

/** Styles of CaseLog. Widths are in rem, so they grow with the user's text size (WCAG 1.4.4). */
const useCaseLogOwnStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignSelf: 'stretch',
    rowGap: tokens.spacingVerticalM,
  },
  heading: {
    margin: '0',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: {
    margin: '0',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  text: {
    margin: '0',
    color: tokens.colorNeutralForeground2,
  },
  table: {
    minWidth: '48rem',
    tableLayout: 'auto',
  },
  cell: {
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    verticalAlign: 'top',
  },
  note: {
    minWidth: '16rem',
    // The handler's line breaks are part of what was documented.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  noWrap: {
    whiteSpace: 'nowrap',
  },
  form: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '40rem',
    width: '100%',
  },
  wide: {
    alignSelf: 'stretch',
  },
  narrow: {
    width: '8rem',
  },
  status: {
    margin: '0',
    minHeight: tokens.lineHeightBase300,
  },
});

/** Styles of CaseLog: the tables' shared styles and its own. */
export function useCaseLogStyles(): ReturnType<typeof useTableStyles> &
  ReturnType<typeof useCaseLogOwnStyles> {
  return { ...useTableStyles(), ...useCaseLogOwnStyles() };
}
