import { makeStyles, tokens } from '@fluentui/react-components';
import { useTableStyles } from '../CaseList/useTableStyles.styles.js';

/** Styles of AccessLog. Widths are in rem, so they grow with the user's text size (WCAG 1.4.4). */
const useAccessLogOwnStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  heading: {
    margin: '0',
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  text: {
    margin: '0',
    color: tokens.colorNeutralForeground2,
  },
  filter: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalM,
    margin: '0',
  },
  table: {
    minWidth: '40rem',
    tableLayout: 'auto',
  },
  cell: {
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    verticalAlign: 'top',
  },
  noWrap: {
    whiteSpace: 'nowrap',
  },
  documentId: {
    overflowWrap: 'anywhere',
  },
  pager: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
});

/** Styles of AccessLog: the tables' shared styles and its own. */
export function useAccessLogStyles(): ReturnType<typeof useTableStyles> &
  ReturnType<typeof useAccessLogOwnStyles> {
  return { ...useTableStyles(), ...useAccessLogOwnStyles() };
}
