import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of AccessLog. Widths are in rem, so they grow with the user's text size (WCAG 1.4.4). */
export const useAccessLogStyles = makeStyles({
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
  statusBar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    minHeight: tokens.lineHeightBase400,
  },
  summary: {
    margin: '0',
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  scroller: {
    overflowX: 'auto',
    // Scrolls sideways in a narrow Teams pane; focusable so a keyboard can scroll it.
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
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
