import type { ReactNode } from 'react';
import { Badge } from '@fluentui/react-components';
import { ShieldLockFilled } from '@fluentui/react-icons';
import type { ProtectedMarkProps } from './ProtectedMark.types.js';
import { useProtectedMark } from './useProtectedMark.js';
import { useProtectedMarkStyles } from './useProtectedMarkStyles.styles.js';

/**
 * The mark of a case about a person with protected personal data (SPEC §6): the same icon and
 * words wherever the case appears — list rows, the case page, and later documents and print.
 */
export function ProtectedMark({ size = 'small' }: ProtectedMarkProps): ReactNode {
  const { text } = useProtectedMark();
  const styles = useProtectedMarkStyles();
  return (
    <Badge
      className={styles.root}
      // Filled and high-contrast in every theme: the mark must stand out wherever the case appears.
      appearance="filled"
      color="important"
      size={size === 'small' ? 'medium' : 'large'}
      icon={<ShieldLockFilled />}
    >
      {text}
    </Badge>
  );
}
