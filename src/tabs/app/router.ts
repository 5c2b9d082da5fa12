import { useMemo, useSyncExternalStore } from 'react';

/**
 * Hash routes, so the server serves one index.html and links work inside Teams' frame:
 * `#/cases?…` (the list, with its filters in the query), `#/cases/<id>` (one case) and
 * `#/access-log?…` (the DPO's review of reads of protected cases, its filter and page in the query).
 */

/** A parsed location. */
export type Route =
  | { name: 'cases'; params: URLSearchParams }
  | { name: 'case'; id: string }
  | { name: 'accessLog'; params: URLSearchParams }
  | { name: 'notFound' };

/** The hash of the case list with these query parameters. */
export function casesHash(params?: URLSearchParams): string {
  const query = params?.toString() ?? '';
  return query === '' ? '#/cases' : `#/cases?${query}`;
}

/** The hash of one case's page. */
export function caseHash(id: string): string {
  return `#/cases/${encodeURIComponent(id)}`;
}

/** The hash of the access log with these query parameters (`caseId`, `page`). */
export function accessLogHash(params?: URLSearchParams): string {
  const query = params?.toString() ?? '';
  return query === '' ? '#/access-log' : `#/access-log?${query}`;
}

/** Reads a location hash; an empty one is the case list. */
export function parseHash(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', query = ''] = text.split(/\?(.*)/s, 2);
  if (path === '' || path === '/' || path === '/cases' || path === '/cases/') {
    return { name: 'cases', params: new URLSearchParams(query) };
  }
  if (path === '/access-log' || path === '/access-log/') {
    return { name: 'accessLog', params: new URLSearchParams(query) };
  }
  const match = /^\/cases\/([^/]+)$/.exec(path);
  if (match?.[1] !== undefined) {
    try {
      return { name: 'case', id: decodeURIComponent(match[1]) };
    } catch {
      // A malformed escape in a hand-typed address: there is no such page.
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

const replaceListeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  replaceListeners.add(listener);
  return () => {
    window.removeEventListener('hashchange', listener);
    replaceListeners.delete(listener);
  };
}

function currentHash(): string {
  return window.location.hash;
}

/**
 * Goes to `hash`. `replace` changes the address without a history entry (typing in a filter
 * should not fill the back button); otherwise the browser's back button returns here.
 */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (window.location.hash === hash) return;
  if (options.replace === true) {
    window.history.replaceState(window.history.state, '', hash);
    // replaceState fires no hashchange: tell the subscribers ourselves.
    for (const listener of replaceListeners) listener();
  } else {
    window.location.hash = hash;
  }
}

/** The current route, kept in step with the address bar. */
export function useRoute(): { route: Route; hash: string } {
  const hash = useSyncExternalStore(subscribe, currentHash);
  const route = useMemo(() => parseHash(hash), [hash]);
  return { route, hash };
}
