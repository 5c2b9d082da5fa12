/** Props of CasePage. */
export interface CasePageProps {
  caseId: string;
  /** Where "back" leads: the list as the user left it, filters and page included. */
  backHref: string;
}
