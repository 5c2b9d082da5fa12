import type { ReactNode } from 'react';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';

/** Placeholder until the section is built. */
export function CaseDocuments(props: CaseSectionProps): ReactNode {
  return <p data-case-id={props.record.id}>CaseDocuments</p>;
}
