import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * What the tab's tables share: a status line above a paged table (its summary takes focus after
 * paging), and a scroller that lets a wide table scroll sideways in a narrow Teams pane, focusable
 * so a keyboard can scroll it.
 */
export const useTableStyles = makeStyles({
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
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
});
