import type { BreachAssessment } from '../../api/types.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';

/** Props of BreachAssessmentForm: a section of the case page. */
export type BreachAssessmentFormProps = CaseSectionProps;

/** The decision on notifying IMY (GDPR art. 33), with its reasoning, time and any delay. */
export type ImyNotification = NonNullable<BreachAssessment['imyNotification']>;

/** The decision on informing the data subjects (GDPR art. 34). */
export type DataSubjectsInformed = NonNullable<BreachAssessment['dataSubjectsInformed']>;

/** A problem the form itself finds (the schema allows it in a draft, IMY practice does not). */
export type AssessmentProblem = 'reasoningRequired' | 'delayReasonRequired';
