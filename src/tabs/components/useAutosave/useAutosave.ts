import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useCaseSaves } from '../CasePage/caseSaves.js';
import { AutosaveController } from './autosaveController.js';
import type { Autosave, AutosaveOptions } from './useAutosave.types.js';

export { AUTOSAVE_DELAY_MS, retryDelayMs } from './autosaveController.js';

/**
 * Saves a case form by itself: the whole form, a pause after the last change or at once when a
 * field loses focus, the form unmounts or the page is hidden; one save at a time; retried with
 * backoff while the server cannot be reached; merged with someone else's newer save field by
 * field, asking the user only where both changed the same field. The form must be keyed by the
 * case id: the hook belongs to one case.
 */
export function useAutosave<T extends object>(options: AutosaveOptions<T>): Autosave<T> {
  const { record, access, save, fetchCase, onCaseChanged, now } = options;
  const [controller] = useState(() => new AutosaveController<T>(options));

  useEffect(() => {
    controller.configure({ save, fetchCase, onCaseChanged, now });
  }, [controller, save, fetchCase, onCaseChanged, now]);

  useEffect(() => {
    controller.receive(record, access);
  }, [controller, record, access]);

  useEffect(() => controller.attach(), [controller]);

  // The page waits for this form's saves before a workflow step.
  const { register } = useCaseSaves();
  useEffect(() => register(controller.settle), [register, controller]);

  const snapshot = useSyncExternalStore(
    controller.subscribe,
    controller.getSnapshot,
    controller.getSnapshot,
  );
  return useMemo(
    () => ({
      ...snapshot,
      change: controller.change,
      flush: controller.flush,
      settle: controller.settle,
      resolve: controller.resolve,
      dismissUpdated: controller.dismissUpdated,
    }),
    [snapshot, controller],
  );
}

/**
 * A ref for a form's element: when focus leaves any field in it, `flush` saves at once, so an edit
 * never waits on the typing pause once the user has moved on.
 */
export function useFlushOnFocusOut(flush: () => void): (element: HTMLElement | null) => () => void {
  return useCallback(
    (element: HTMLElement | null) => {
      element?.addEventListener('focusout', flush);
      return () => {
        element?.removeEventListener('focusout', flush);
      };
    },
    [flush],
  );
}
