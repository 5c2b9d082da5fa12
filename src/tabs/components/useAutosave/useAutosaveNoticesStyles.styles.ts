import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of AutosaveNotices. */
export const useAutosaveNoticesStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    maxWidth: '48rem',
  },
  status: {
    minHeight: tokens.lineHeightBase300,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground2,
  },
  list: {
    margin: '0',
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  collisions: {
    listStyleType: 'none',
    margin: '0',
    padding: '0',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  collision: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  collisionLabel: {
    margin: '0',
    fontWeight: tokens.fontWeightSemibold,
  },
  versions: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: '0',
  },
  term: {
    fontWeight: tokens.fontWeightSemibold,
  },
  value: {
    margin: '0',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  choices: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});
