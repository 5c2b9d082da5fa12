import type { Locale } from '../../../core/i18n.js';
import { stateLabels, stepLabels } from '../../../core/workflow.js';
import type { StoredCaseEvent } from '../../api/types.js';
import type { TimelineEntry } from './CaseTimeline.types.js';
import type { CaseTimelineStrings } from './caseTimelineStrings.js';

/** The actor id the server records for its own work (e.g. storing the filed report's PDF). */
const SYSTEM_ACTOR = 'system';

/**
 * One stored event in words: a transition as "Registrerad → Under utredning (Inled utredning)"
 * with its reason, a change by what changed. Events carry no content (SPEC §5 logs who, when,
 * from, to), so neither does the history.
 */
export function timelineEntry(
  stored: StoredCaseEvent,
  locale: Locale,
  s: CaseTimelineStrings,
): TimelineEntry {
  const { event } = stored;
  const who = event.actorId === SYSTEM_ACTOR ? s.system : event.actorName;
  const base = { key: `${stored.caseId}#${String(stored.sequence)}`, at: event.at, who };
  switch (event.kind) {
    case 'transition': {
      const what = `${stateLabels[event.from][locale]} → ${stateLabels[event.to][locale]} (${stepLabels[event.step][locale]})`;
      const reason = event.reason?.trim();
      return reason === undefined || reason === '' ? { ...base, what } : { ...base, what, reason };
    }
    case 'filed':
    case 'investigationUpdated':
    case 'caseLogEntryAdded':
    case 'documentAdded':
    case 'assessmentUpdated':
      return { ...base, what: s.changes[event.kind] };
  }
}

/** The events in the order they happened (the server's sequence), oldest first. */
export function inOrder(events: readonly StoredCaseEvent[]): StoredCaseEvent[] {
  return [...events].sort((a, b) => a.sequence - b.sequence);
}
