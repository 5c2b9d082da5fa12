import type { CaseAccess } from '../../../core/access.js';
import type { VisibleCase } from '../../api/types.js';

/**
 * What every section of the case page gets: the case as last loaded or saved, what the user may
 * do with it, and how to hand back the case the server answered after a change. The page keeps
 * one copy of the case, so a save in one section (a new version) is seen by all the others.
 */
export interface CaseSectionProps {
  record: VisibleCase;
  access: CaseAccess;
  /** Call with the case the server answered after a change (it carries the new version). */
  onCaseChanged: (record: VisibleCase) => void;
}
