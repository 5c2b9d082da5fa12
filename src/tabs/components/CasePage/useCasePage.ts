import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseForViewer, VisibleCase } from '../../api/types.js';
import { useServices } from '../../app/services.js';

type Loaded = { key: string } & (
  { ok: true; found: CaseForViewer } | { ok: false; error: unknown }
);

/**
 * Loads one case (`GET /api/cases/:id`) and keeps the page's one copy of it: `onCaseChanged`
 * puts in the case a save answered with, unless a newer version is already shown. `retry` asks
 * again after a failure; `reload` fetches the case afresh (e.g. after someone else changed it).
 */
export function useCasePage(caseId: string): {
  found: CaseForViewer | undefined;
  loading: boolean;
  error: unknown;
  retry: () => void;
  onCaseChanged: (record: VisibleCase) => void;
  latestVersion: () => number | undefined;
} {
  const { api } = useServices();
  const [attempt, setAttempt] = useState(0);
  const key = `${caseId}#${String(attempt)}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  // The newest version handed to the page, known at once (the state below is applied on render).
  const latest = useRef<{ id: string; version: number } | undefined>(undefined);
  const latestVersion = useCallback(
    () => (latest.current?.id === caseId ? latest.current.version : undefined),
    [caseId],
  );
  const track = useCallback((record: VisibleCase) => {
    if (latest.current?.id !== record.id || latest.current.version < record.version) {
      latest.current = { id: record.id, version: record.version };
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.getCase(caseId, controller.signal).then(
      (found) => {
        track(found.case);
        setLoaded({ key, ok: true, found });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, ok: false, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [api, caseId, key, track]);

  const retry = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);

  const onCaseChanged = useCallback(
    (record: VisibleCase) => {
      track(record);
      setLoaded((current) => {
        if (current?.ok !== true || current.found.case.id !== record.id) return current;
        // Answers can arrive out of order (an autosave and a step): never go back a version.
        if (current.found.case.version > record.version) return current;
        return { ...current, found: { ...current.found, case: record } };
      });
    },
    [track],
  );

  const current = loaded?.key === key ? loaded : undefined;
  return {
    found: current?.ok === true ? current.found : undefined,
    loading: current === undefined,
    error: current?.ok === false ? current.error : undefined,
    retry,
    onCaseChanged,
    latestVersion,
  };
}
