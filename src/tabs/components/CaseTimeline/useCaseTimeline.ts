import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { StoredCaseEvent } from '../../api/types.js';
import { useServices } from '../../app/services.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import { inOrder } from './timelineEntry.js';

/** The outcome of one load, tagged with the case version and attempt it answers. */
type Loaded = { key: string } & (
  { ok: true; events: StoredCaseEvent[] } | { ok: false; error: unknown }
);

/** What CaseTimeline renders. */
export interface CaseTimelineState {
  /** The latest events of this case, oldest first (kept while a newer version loads). */
  events: StoredCaseEvent[] | undefined;
  loading: boolean;
  /** The latest failure; kept while retrying, so the retry button (and focus) stays put. */
  error: unknown;
  retry: () => void;
  /** The section's heading, which gets focus when a retry succeeds and its button goes. */
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/**
 * Loads the case's events (`GET /api/cases/:id/events`) and again whenever the page holds a
 * new version of the case: every change adds an event, so the history follows the other
 * sections' saves without being told. A protected case's history is loaded again only when its
 * state changes, since each load is a logged read.
 */
export function useCaseTimeline({ record }: CaseSectionProps): CaseTimelineState {
  const { api } = useServices();
  const caseId = record.id;
  const [attempt, setAttempt] = useState(0);
  // Every read of a protected case's history is written to the access log; reloading it after
  // each autosave would bury the DPO's log in entries. Such a case's history follows its state.
  const follows = record.protectedIdentity ? record.state : String(record.version);
  const key = `${caseId}#${follows}#${String(attempt)}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [shown, setShown] = useState<{ caseId: string; events: StoredCaseEvent[] } | undefined>(
    undefined,
  );
  const [failure, setFailure] = useState<{ caseId: string; error: unknown } | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const retriedRef = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    api.listEvents(caseId, controller.signal).then(
      (events) => {
        setLoaded({ key, ok: true, events });
        setShown({ caseId, events: inOrder(events) });
        setFailure(undefined);
      },
      (error: unknown) => {
        // An aborted load was replaced by one for a newer version, whose answer counts instead.
        if (controller.signal.aborted) return;
        setLoaded({ key, ok: false, error });
        setFailure({ caseId, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [api, caseId, key]);

  const loading = loaded?.key !== key;

  useEffect(() => {
    if (!loading && retriedRef.current) {
      retriedRef.current = false;
      // The retry button left with the error, and focus with it: continue at the section rather
      // than at the top of the page (unless the user has gone elsewhere meanwhile).
      const dropped = document.activeElement === null || document.activeElement === document.body;
      if (loaded.ok && dropped) headingRef.current?.focus();
    }
  }, [loading, loaded]);

  const retry = useCallback(() => {
    retriedRef.current = true;
    setAttempt((count) => count + 1);
  }, []);

  return {
    events: shown?.caseId === caseId ? shown.events : undefined,
    loading,
    error: failure?.caseId === caseId ? failure.error : undefined,
    retry,
    headingRef,
  };
}
