import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of CasePage. */
export const useCasePageStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalL,
  },
  heading: {
    margin: '0',
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: '0',
  },
  term: {
    fontWeight: tokens.fontWeightSemibold,
  },
  definition: {
    margin: '0',
  },
  note: {
    margin: '0',
    color: tokens.colorNeutralForeground2,
  },
});
