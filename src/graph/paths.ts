/**
 * Building Graph paths safely and naming them safely. Case folders and documents carry names a
 * person chose, so every segment is percent-encoded (an unencoded `#` or `?` silently truncates
 * the path), and logs get the path's pattern, in which every id and name is a placeholder.
 */

/** Encodes one path segment (a file or folder name, an id) for a Graph URL. */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment);
}

/**
 * Encodes a drive path (`Ärenden/2026/AMN 2026-0001`) for `root:/{path}:` addressing: each
 * segment encoded, the slashes kept. Empty segments are dropped.
 */
export function encodeDrivePath(path: string | readonly string[]): string {
  const segments = typeof path === 'string' ? path.split('/') : path;
  return segments
    .filter((segment) => segment !== '')
    .map(encodeSegment)
    .join('/');
}

/** Segments of Graph paths that are words of the API, not ids or names: safe to log. */
const apiWords = new Set([
  '$batch',
  'children',
  'columns',
  'content',
  'contentTypes',
  'createUploadSession',
  'delta',
  'drive',
  'drives',
  'fields',
  'groups',
  'invite',
  'items',
  'list',
  'listItem',
  'lists',
  'me',
  'permissions',
  'root',
  'sendActivityNotification',
  'sites',
  'teams',
  'users',
  'versions',
]);

/**
 * The pattern of a Graph URL or path, for logs and metrics: API words kept, every other segment
 * `{id}`, every `:/…:` drive path `{path}`, the query dropped. Pre-authenticated URLs on other
 * hosts (upload sessions, downloads) become `{preauthenticated}`: their paths carry tokens.
 */
export function pathPattern(url: string): string {
  let path = url;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const parsed = new URL(url);
    if (parsed.hostname !== 'graph.microsoft.com') return '{preauthenticated}';
    path = parsed.pathname;
  }
  path = (path.split('?')[0] ?? '').replace(/^\/?(v1\.0|beta)(?=\/|$)/, '');
  path = path.replace(/:\/[^:]*(:|$)/g, (_match, end: string) => `:/{path}${end}`);
  const segments = path.split('/').map((segment) => {
    if (segment === '') return segment;
    const colon = segment.endsWith(':') ? ':' : '';
    const word = colon === '' ? segment : segment.slice(0, -1);
    return (apiWords.has(word) || word === '{path}' ? word : '{id}') + colon;
  });
  const joined = segments.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}
