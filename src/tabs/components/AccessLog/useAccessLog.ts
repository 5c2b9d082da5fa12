import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { AccessLogEntry } from '../../api/types.js';
import { accessLogHash, navigate, useRoute } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import type { AccessLogView } from './AccessLog.types.js';
import { PAGE_SIZE, paramsFromView, queryFromView, viewFromParams } from './accessLogView.js';

/** The outcome of one load, tagged with the view and attempt it answers. */
type Loaded = { key: string } & (
  { ok: true; entries: AccessLogEntry[] } | { ok: false; error: unknown }
);

/** What AccessLog renders. */
export interface AccessLogState {
  view: AccessLogView;
  loading: boolean;
  /** The latest page (kept on screen while the next one loads), with the offset it starts at. */
  shown: { entries: AccessLogEntry[]; offset: number; caseId: string | undefined } | undefined;
  error: unknown;
  retry: () => void;
  /** Whether a next page may exist: the server sends no total, so a full page says "maybe". */
  hasNext: boolean;
  goToPage: (page: number) => void;
  /** Shows only the reads of one case (from a row), or of all (`undefined`). */
  showCase: (caseId: string | undefined) => void;
  /** The summary ("Visar läsning 101–200") that receives focus after paging. */
  summaryRef: RefObject<HTMLParagraphElement | null>;
}

/**
 * The access log's state: the view from the address, and the page the server sends for it
 * (`GET /api/access-log`, newest first). A changed view aborts the request before it.
 */
export function useAccessLog(): AccessLogState {
  const { api } = useServices();
  const { route } = useRoute();
  const params = route.name === 'accessLog' ? route.params : undefined;
  const view = useMemo(() => viewFromParams(params ?? new URLSearchParams()), [params]);
  const query = useMemo(() => queryFromView(view), [view]);
  const [attempt, setAttempt] = useState(0);
  const key = `${paramsFromView(view).toString()}#${String(attempt)}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [shown, setShown] = useState<AccessLogState['shown']>(undefined);
  const focusAfterLoadRef = useRef(false);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.listAccessLog(query, controller.signal).then(
      (entries) => {
        setLoaded({ key, ok: true, entries });
        setShown({ entries, offset: query.offset ?? 0, caseId: query.caseId });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, ok: false, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [api, query, key]);

  const retry = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);
  const goToPage = useCallback(
    (page: number) => {
      focusAfterLoadRef.current = true;
      navigate(accessLogHash(paramsFromView({ ...view, page })));
    },
    [view],
  );
  const showCase = useCallback((caseId: string | undefined) => {
    focusAfterLoadRef.current = true;
    navigate(accessLogHash(paramsFromView({ caseId, page: 1 })));
  }, []);

  const loading = loaded?.key !== key;
  const error = !loading && !loaded.ok ? loaded.error : undefined;

  useEffect(() => {
    // After paging or filtering, the old control's place means nothing: continue at the summary.
    if (!loading && focusAfterLoadRef.current) {
      focusAfterLoadRef.current = false;
      summaryRef.current?.focus();
    }
  }, [loading]);

  return {
    view,
    loading,
    // A failure hides the page before it: the table must not look like the answer to this view.
    shown: error === undefined ? shown : undefined,
    error,
    retry,
    hasNext: shown !== undefined && shown.entries.length === PAGE_SIZE,
    goToPage,
    showCase,
    summaryRef,
  };
}
