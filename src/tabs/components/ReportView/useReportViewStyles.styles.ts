import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of ReportView. */
export const useReportViewStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: '0',
    '@media (max-width: 40rem)': { gridTemplateColumns: '1fr' },
  },
  term: {
    fontWeight: tokens.fontWeightSemibold,
  },
  definition: {
    margin: '0',
    // Free text keeps the reporter's line breaks.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  list: {
    margin: '0',
    paddingLeft: tokens.spacingHorizontalL,
  },
  notGiven: {
    color: tokens.colorNeutralForeground3,
    fontStyle: 'italic',
  },
});
