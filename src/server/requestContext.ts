import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a request carries that code far below the route needs without being handed it: the
 * signed-in user's own API token, which the SharePoint store exchanges (on-behalf-of) for reads
 * that SharePoint should check against the user's permissions. Set by the `authenticate`
 * preHandler; never logged.
 */

interface RequestContext {
  userAssertion?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs the rest of a request (`next`) in a context of its own. */
export function runInRequestContext(next: () => void): void {
  storage.run({}, next);
}

/** Records the user's validated API token for the rest of the request. */
export function setUserAssertion(token: string): void {
  const context = storage.getStore();
  if (context !== undefined) context.userAssertion = token;
}

/** The signed-in user's API token in this request, if any. */
export function currentUserAssertion(): string | undefined {
  return storage.getStore()?.userAssertion;
}
