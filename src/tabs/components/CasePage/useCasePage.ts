import { useCallback, useEffect, useState } from 'react';
import type { CaseForViewer } from '../../api/types.js';
import { useServices } from '../../app/services.js';

type Loaded = { key: string } & (
  { ok: true; found: CaseForViewer } | { ok: false; error: unknown }
);

/** Loads one case (`GET /api/cases/:id`); `retry` asks again after a failure. */
export function useCasePage(caseId: string): {
  found: CaseForViewer | undefined;
  loading: boolean;
  error: unknown;
  retry: () => void;
} {
  const { api } = useServices();
  const [attempt, setAttempt] = useState(0);
  const key = `${caseId}#${String(attempt)}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    api.getCase(caseId, controller.signal).then(
      (found) => {
        setLoaded({ key, ok: true, found });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, ok: false, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [api, caseId, key]);

  const retry = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);
  const current = loaded?.key === key ? loaded : undefined;
  return {
    found: current?.ok === true ? current.found : undefined,
    loading: current === undefined,
    error: current?.ok === false ? current.error : undefined,
    retry,
  };
}
