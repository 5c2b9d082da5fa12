import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of App: the theme's background over the whole page, content with the theme's spacing. */
export const useAppStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  main: {
    flexGrow: 1,
    paddingTop: tokens.spacingVerticalXL,
    paddingBottom: tokens.spacingVerticalXXL,
    paddingLeft: tokens.spacingHorizontalXL,
    paddingRight: tokens.spacingHorizontalXL,
    // Focused by the app after sign-in (tabIndex -1): a container, not a control, so no ring.
    ':focus': { outlineStyle: 'none' },
  },
  heading: {
    margin: '0',
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
});
