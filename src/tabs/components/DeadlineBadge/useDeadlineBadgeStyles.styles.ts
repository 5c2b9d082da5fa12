import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of DeadlineBadge: the badge above, what the deadline is and when, smaller, below. */
export const useDeadlineBadgeStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalXXS,
  },
  badge: {
    whiteSpace: 'nowrap',
  },
  detail: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  none: {
    color: tokens.colorNeutralForeground2,
  },
});
