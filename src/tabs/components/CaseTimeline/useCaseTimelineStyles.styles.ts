import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of CaseTimeline: a plain numbered-by-order list, each event's time and actor above it. */
export const useCaseTimelineStyles = makeStyles({
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
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  text: {
    margin: '0',
    color: tokens.colorNeutralForeground2,
  },
  list: {
    listStyleType: 'none',
    margin: '0',
    paddingLeft: '0',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  meta: {
    margin: '0',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  what: {
    margin: '0',
  },
  reason: {
    margin: '0',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  reasonLabel: {
    fontWeight: tokens.fontWeightSemibold,
  },
});
