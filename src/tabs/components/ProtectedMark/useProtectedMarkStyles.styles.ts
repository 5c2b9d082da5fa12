import { makeStyles } from '@fluentui/react-components';

/** Styles of ProtectedMark. */
export const useProtectedMarkStyles = makeStyles({
  root: {
    whiteSpace: 'nowrap',
  },
});
