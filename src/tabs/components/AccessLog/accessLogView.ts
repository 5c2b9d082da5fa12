import type { AccessLogQuery } from '../../api/types.js';
import type { AccessLogView, ReadTarget } from './AccessLog.types.js';

/** Reads per page: the server's default page. */
export const PAGE_SIZE = 100;

/** Reads the view from the address's query; a malformed page is the first. */
export function viewFromParams(params: URLSearchParams): AccessLogView {
  const caseId = params.get('caseId')?.trim();
  const page = Number(params.get('page'));
  return {
    caseId: caseId === undefined || caseId === '' ? undefined : caseId,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The address query of a view; the defaults are left out, so the whole log is `#/access-log`. */
export function paramsFromView(view: AccessLogView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.caseId !== undefined) params.set('caseId', view.caseId);
  if (view.page > 1) params.set('page', String(view.page));
  return params;
}

/** The API query of a view: the case, and the page as limit and offset. */
export function queryFromView(view: AccessLogView): AccessLogQuery {
  return {
    ...(view.caseId === undefined ? {} : { caseId: view.caseId }),
    limit: PAGE_SIZE,
    offset: (view.page - 1) * PAGE_SIZE,
  };
}

/** What a logged read was of (the `what` the core's `logRead` writes). */
export function readTarget(what: string): ReadTarget {
  switch (what) {
    case 'case':
    case 'events':
    case 'documents':
      return { kind: what };
    default:
      if (what.startsWith('document:') && what.length > 'document:'.length) {
        return { kind: 'document', documentId: what.slice('document:'.length) };
      }
      return { kind: 'other', text: what };
  }
}
