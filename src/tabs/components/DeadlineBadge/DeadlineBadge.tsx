import type { ReactNode } from 'react';
import { Badge } from '@fluentui/react-components';
import { ClockRegular, WarningFilled } from '@fluentui/react-icons';
import { useI18n } from '../../i18n/I18nContext.js';
import type { DeadlineBadgeProps, DeadlineUrgency } from './DeadlineBadge.types.js';
import { useDeadlineBadge } from './useDeadlineBadge.js';
import { useDeadlineBadgeStyles } from './useDeadlineBadgeStyles.styles.js';

const badgeColor: Record<DeadlineUrgency, 'danger' | 'warning' | 'informative'> = {
  overdue: 'danger',
  soon: 'warning',
  normal: 'informative',
};

/**
 * How long a deadline has left ("31 h kvar", "12 dagar kvar"), or how late it is ("Försenad med
 * 3 h"). The urgency shows as colour and icon, and always in the words themselves.
 */
export function DeadlineBadge(props: DeadlineBadgeProps): ReactNode {
  const state = useDeadlineBadge(props);
  const styles = useDeadlineBadgeStyles();
  const { t } = useI18n();
  if (state === null) return <span className={styles.none}>{t.caseList.noDeadline}</span>;
  return (
    <span className={styles.root}>
      <Badge
        className={styles.badge}
        appearance={state.urgency === 'normal' ? 'tint' : 'filled'}
        color={badgeColor[state.urgency]}
        icon={state.urgency === 'normal' ? <ClockRegular /> : <WarningFilled />}
      >
        {state.text}
      </Badge>
      <span className={styles.detail}>
        {state.label === undefined ? '' : `${state.label}. `}
        <time dateTime={state.dueAt}>{state.dueText}</time>
      </span>
    </span>
  );
}
