import type { CaseForViewer, VisibleCase } from '../../api/types.js';
import type { BadgeDeadline } from '../DeadlineBadge/DeadlineBadge.types.js';

/**
 * The deadline a row shows: the case's next one (`nextDeadlineAt`), with its clock and name
 * when the viewer sees the case's deadlines. Registry views see neither.
 */
export function nextDeadline(record: VisibleCase): BadgeDeadline | null {
  const next = record.nextDeadlineAt;
  if (next === undefined || next === null) return null;
  const due = Date.parse(next);
  const match = record.deadlines?.find((deadline) => Date.parse(deadline.dueAt) === due);
  return match === undefined
    ? { dueAt: next }
    : { dueAt: match.dueAt, kind: match.kind, label: match.label };
}

/** Stable row keys. */
export function rowKey(item: CaseForViewer): string {
  return item.case.id;
}
