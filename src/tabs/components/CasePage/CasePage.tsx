import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Spinner } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { deviationTypeLabels } from '../../../core/fields.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ProtectedMark } from '../ProtectedMark/ProtectedMark.js';
import { displayTitle } from '../ProtectedMark/useProtectedMark.js';
import { BreachAssessmentForm } from '../BreachAssessmentForm/BreachAssessmentForm.js';
import { CaseActions } from '../CaseActions/CaseActions.js';
import { CaseDocuments } from '../CaseDocuments/CaseDocuments.js';
import { CaseLog } from '../CaseLog/CaseLog.js';
import { CaseTimeline } from '../CaseTimeline/CaseTimeline.js';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.js';
import { InvestigationForm } from '../InvestigationForm/InvestigationForm.js';
import { ReportView } from '../ReportView/ReportView.js';
import { CaseSavesProvider } from './caseSaves.js';
import type { CaseSectionProps } from './caseSection.types.js';
import type { CasePageProps } from './CasePage.types.js';
import { useCasePage } from './useCasePage.js';
import { useCasePageStyles } from './useCasePageStyles.styles.js';

/**
 * One case, as one page of sections under headings: the facts and the actions allowed now, the
 * report as filed, the investigation (Lex Sarah) or the DPO's assessment (breach), the case log,
 * the documents and the history. The page keeps one copy of the case that every section reads
 * and every save replaces. Loaded lazily: the list's first paint does not wait for it.
 */
export function CasePage({ caseId, backHref }: CasePageProps): ReactNode {
  const { found, loading, error, retry, onCaseChanged, latestVersion } = useCasePage(caseId);
  const { t, locale, languageTag } = useI18n();
  const styles = useCasePageStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const record = found?.case;

  const shownId = record?.id;
  useEffect(() => {
    // A new page: start reading at its heading, as a screen reader user expects after a link.
    // Only when another case is shown: a save (a new version) must leave focus where it is.
    if (shownId !== undefined) headingRef.current?.focus();
  }, [shownId]);

  return (
    <section className={styles.root} aria-labelledby="case-heading">
      <Link href={backHref}>
        <ArrowLeftRegular aria-hidden /> {t.casePage.back}
      </Link>
      {loading ? <Spinner label={t.casePage.loading} /> : null}
      {error === undefined ? null : (
        <ErrorAlert
          title={t.casePage.errorHeading}
          error={error}
          retry={{ label: t.casePage.retry, onClick: retry }}
        />
      )}
      {record === undefined ? null : (
        <>
          <h1 id="case-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
            {record.registrationNumber ?? t.caseList.notRegistered}
            {' – '}
            {displayTitle(record, t.protectedMark) ?? ''}
          </h1>
          {record.protectedIdentity ? <ProtectedMark size="medium" /> : null}
          <dl className={styles.facts}>
            <dt className={styles.term}>{t.casePage.registrationNumber}</dt>
            <dd className={styles.definition}>
              {record.registrationNumber ?? t.caseList.notRegistered}
            </dd>
            <dt className={styles.term}>{t.casePage.type}</dt>
            <dd className={styles.definition}>{deviationTypeLabels[record.type][locale]}</dd>
            {record.unit === undefined || record.unit === null ? null : (
              <>
                <dt className={styles.term}>{t.casePage.unit}</dt>
                <dd className={styles.definition}>{record.unit}</dd>
              </>
            )}
            {record.receivedAt === undefined ? null : (
              <>
                <dt className={styles.term}>{t.casePage.receivedAt}</dt>
                <dd className={styles.definition}>
                  <time dateTime={record.receivedAt}>
                    {new Intl.DateTimeFormat(languageTag, {
                      dateStyle: 'long',
                      timeStyle: 'short',
                      timeZone: 'Europe/Stockholm',
                    }).format(new Date(record.receivedAt))}
                  </time>
                </dd>
              </>
            )}
          </dl>
          {found === undefined ? null : (
            <CaseSavesProvider latestVersion={latestVersion}>
              <CaseSections record={record} access={found.access} onCaseChanged={onCaseChanged} />
            </CaseSavesProvider>
          )}
        </>
      )}
    </section>
  );
}

/** The sections the viewer's access shows, in the order an investigator works through them. */
function CaseSections(props: CaseSectionProps): ReactNode {
  const { record, access } = props;
  const full = access.view === 'full';
  return (
    <>
      <CaseActions {...props} />
      <ReportView {...props} />
      {full && record.type === 'lexSarah' ? <InvestigationForm {...props} /> : null}
      {full && record.type === 'personalDataBreach' ? <BreachAssessmentForm {...props} /> : null}
      {full ? <CaseLog {...props} /> : null}
      <CaseDocuments {...props} />
      {full ? <CaseTimeline {...props} /> : null}
    </>
  );
}

export default CasePage;
