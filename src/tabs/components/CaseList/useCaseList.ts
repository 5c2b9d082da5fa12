import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { caseListSearchParams } from '../../api/client.js';
import type { CaseListPage } from '../../api/types.js';
import { casesHash, navigate, useRoute } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import type { CaseListView, UpdateCaseListView } from './CaseList.types.js';
import { paramsFromView, queryFromView, viewFromParams, PAGE_SIZE } from './caseListView.js';

/** The outcome of one load, tagged with the query it answers. */
type Loaded = { key: string } & ({ ok: true; page: CaseListPage } | { ok: false; error: unknown });

/** What CaseList renders. */
export interface CaseListState {
  view: CaseListView;
  update: UpdateCaseListView;
  /** Whether a load for the current view is under way. */
  loading: boolean;
  /** The latest page (kept on screen while the next one loads); undefined before the first. */
  page: CaseListPage | undefined;
  /** The error of the latest load, if it failed. */
  error: unknown;
  retry: () => void;
  /** 1-based numbers of the first and last case shown. */
  range: { from: number; to: number } | undefined;
  pageCount: number;
  /** Goes to another page; once it has arrived, focus moves to the summary of what is shown. */
  goToPage: (page: number) => void;
  /** The summary ("Visar 51–100 av 1 234") that receives focus after paging. */
  summaryRef: RefObject<HTMLParagraphElement | null>;
}

/**
 * The list's state: the view from the address, and the page the server sends for it. A changed
 * view starts a new request and aborts the one before, so answers never arrive out of order.
 */
export function useCaseList(): CaseListState {
  const { api } = useServices();
  const { route } = useRoute();
  const params = route.name === 'cases' ? route.params : undefined;
  const view = useMemo(() => viewFromParams(params ?? new URLSearchParams()), [params]);
  const query = useMemo(() => queryFromView(view), [view]);
  const [attempt, setAttempt] = useState(0);
  const key = `${caseListSearchParams(query).toString()}#${String(attempt)}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [lastPage, setLastPage] = useState<{ page: CaseListPage; offset: number } | undefined>(
    undefined,
  );
  const focusAfterLoadRef = useRef(false);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.listCases(query, controller.signal).then(
      (page) => {
        setLoaded({ key, ok: true, page });
        setLastPage({ page, offset: query.offset ?? 0 });
      },
      (error: unknown) => {
        // An aborted request was replaced by a newer one, whose answer counts instead.
        if (!controller.signal.aborted) setLoaded({ key, ok: false, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [api, query, key]);

  const update = useCallback<UpdateCaseListView>(
    (change, options) => {
      // Any other change than the page starts again on the first page.
      const next: CaseListView = { ...view, page: 1, ...change };
      navigate(casesHash(paramsFromView(next)), options);
    },
    [view],
  );
  const retry = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);
  const goToPage = useCallback(
    (target: number) => {
      focusAfterLoadRef.current = true;
      update({ page: target });
    },
    [update],
  );

  const loading = loaded?.key !== key;
  const page = lastPage?.page;
  const error = !loading && !loaded.ok ? loaded.error : undefined;
  const range =
    lastPage === undefined || lastPage.page.items.length === 0
      ? undefined
      : { from: lastPage.offset + 1, to: lastPage.offset + lastPage.page.items.length };
  const pageCount = page === undefined ? 0 : Math.max(1, Math.ceil(page.total / PAGE_SIZE));

  useEffect(() => {
    // After "next" or "previous", the old button's place means nothing: start reading at the
    // summary of the new page.
    if (!loading && focusAfterLoadRef.current) {
      focusAfterLoadRef.current = false;
      summaryRef.current?.focus();
    }
  }, [loading]);

  return { view, update, loading, page, error, retry, range, pageCount, goToPage, summaryRef };
}
