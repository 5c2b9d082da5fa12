import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of CaseActions. */
export const useCaseActionsStyles = makeStyles({
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
  step: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    maxWidth: '22rem',
  },
  blocked: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});
