import type { Investigation } from '../../api/types.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';

/** Props of InvestigationForm: a section of the case page. */
export type InvestigationFormProps = CaseSectionProps;

/** The six root causes of SPEC §4. */
export type RootCauseKey = keyof NonNullable<Investigation['rootCauses']>;

/** One root cause as the form keeps it. */
export type RootCause = NonNullable<NonNullable<Investigation['rootCauses']>[RootCauseKey]>;

/** One investigator (name and title). */
export type Investigator = NonNullable<Investigation['investigators']>[number];

/** The investigation's fields entered as dates. */
export type InvestigationDateField =
  | 'startedAt'
  | 'commissioningBoardInformedAt'
  | 'ivoNotifiedAt'
  | 'ivoCopyAttachedAt'
  | 'finalCopySentAt';

/** The investigation's fields entered as text. */
export type InvestigationTextField =
  | 'board'
  | 'howNoticed'
  | 'whatHappened'
  | 'consequences'
  | 'happenedBefore'
  | 'couldRecurWhy'
  | 'remedialActions'
  | 'remedialActionsWhen'
  | 'preventiveActions'
  | 'followUp'
  | 'other';
