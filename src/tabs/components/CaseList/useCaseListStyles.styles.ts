import { makeStyles, tokens } from '@fluentui/react-components';
import { useTableStyles } from './useTableStyles.styles.js';

/** Styles of CaseList. */
const useCaseListOwnStyles = makeStyles({
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
  table: {
    minWidth: '60rem',
    // Columns take the width their content needs (Fluent's default is equal, fixed columns, which
    // clips long words such as "Personuppgiftsincident" and the protected mark).
    tableLayout: 'auto',
  },
  row: {
    // The rows are not interactive (the link is): no hover fill, which in high contrast would put
    // the links and secondary texts on a colour they were not made for.
    ':hover': {
      backgroundColor: tokens.colorTransparentBackground,
      color: tokens.colorNeutralForeground1,
    },
    ':active': {
      backgroundColor: tokens.colorTransparentBackground,
      color: tokens.colorNeutralForeground1,
    },
  },
  title: {
    minWidth: '14rem',
  },
  registrationNumber: {
    whiteSpace: 'nowrap',
  },
  noWrap: {
    whiteSpace: 'nowrap',
  },
  cell: {
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    verticalAlign: 'top',
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
  pager: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
  },
  message: {
    margin: '0',
    color: tokens.colorNeutralForeground2,
  },
});

/** Styles of CaseList: the tables' shared styles and its own. */
export function useCaseListStyles(): ReturnType<typeof useTableStyles> &
  ReturnType<typeof useCaseListOwnStyles> {
  return { ...useTableStyles(), ...useCaseListOwnStyles() };
}
