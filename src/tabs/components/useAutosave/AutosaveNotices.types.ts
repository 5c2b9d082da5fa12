import type { Autosave } from './useAutosave.types.js';

/** Props of AutosaveNotices. */
export interface AutosaveNoticesProps {
  autosave: Pick<
    Autosave<unknown>,
    | 'status'
    | 'issues'
    | 'collisions'
    | 'updatedByOthers'
    | 'unsavedFields'
    | 'resolve'
    | 'dismissUpdated'
  >;
  /** A field path's name for the user, e.g. `rootCauses.routines.text`. */
  labelOf: (path: string) => string;
  /** A field's value in words, e.g. a choice's label or a date. */
  describe: (path: string, value: unknown) => string;
  /** Whether the form shows an issue on one of its own fields; the others are listed here. */
  isPlaced: (issuePath: string) => boolean;
}
