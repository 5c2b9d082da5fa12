import { useEffect, useRef, type ReactNode } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useI18n, useStrings } from '../../../tabs/i18n/I18nContext.js';
import { reportResultStrings } from '../ReportPane/reportPaneStrings.js';
import { useReportPaneStyles } from '../ReportPane/useReportPaneStyles.styles.js';
import type { FiledReport } from '../ReportPane/ReportPane.types.js';

/**
 * The filed report: its registration number, the IMY deadline the case runs on, and what the
 * reporter should do at once. Focus moves to the heading, so a screen reader hears the outcome.
 */
export function ReportResult({ record }: FiledReport): ReactNode {
  const s = useStrings(reportResultStrings);
  const { languageTag } = useI18n();
  const styles = useReportPaneStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const imy = record.deadlines?.find((deadline) => deadline.kind === 'imyNotification');
  const due =
    imy === undefined
      ? undefined
      : new Intl.DateTimeFormat(languageTag, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Stockholm',
        }).format(new Date(imy.dueAt));
  return (
    <section aria-labelledby="result-heading" className={styles.form}>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            <h2 id="result-heading" ref={heading} tabIndex={-1} className={styles.heading}>
              {s.heading}
            </h2>
          </MessageBarTitle>
        </MessageBarBody>
      </MessageBar>
      <dl className={styles.facts}>
        <dt className={styles.term}>{s.registrationNumber}</dt>
        <dd className={styles.definition}>
          {record.registrationNumber === null ? (
            s.notRegistered
          ) : (
            <span className={styles.registration}>{record.registrationNumber}</span>
          )}
        </dd>
      </dl>
      <p className={styles.note}>{s.handledBy}</p>
      {imy === undefined || due === undefined ? null : (
        <p>
          <time dateTime={imy.dueAt}>{s.deadline(due)}</time>
        </p>
      )}
      <h3 className={styles.heading}>{s.stepsHeading}</h3>
      <ol className={styles.steps}>
        {s.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </section>
  );
}
