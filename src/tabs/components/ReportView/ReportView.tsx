import { useId, type ReactNode } from 'react';
import { Button } from '@fluentui/react-components';
import { DocumentPdfRegular } from '@fluentui/react-icons';
import { formatLocalDateTime, reportSections } from '../../../core/documents/reportDocument.js';
import type { DocumentField } from '../../../core/documents/documentModel.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import { useSectionStyles } from '../CasePage/useSectionStyles.styles.js';
import { useDocumentDownload } from '../CaseDocuments/useDocumentDownload.js';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.js';
import { reportViewStrings } from './reportViewStrings.js';
import { useReportViewStyles } from './useReportViewStyles.styles.js';

function isBlank(value: DocumentField['value']): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.every((item) => item.trim() === '');
  return value.trim() === '';
}

/**
 * The report read-only, exactly as filed: the same sections and labels as the registry PDF (built
 * by the same core function), in the user's language, with the PDF itself to download. Those who
 * see only the registry entry are told so instead.
 */
export function ReportView(props: CaseSectionProps): ReactNode {
  const { record } = props;
  const s = useStrings(reportViewStrings);
  const { locale } = useI18n();
  const section = useSectionStyles();
  const styles = useReportViewStyles();
  const headingId = useId();
  const file = useDocumentDownload(record.id);
  const { report, receivedAt, signedBy, signedAt } = record;

  if (report === undefined || receivedAt === undefined) {
    return (
      <section className={section.section} aria-labelledby={headingId}>
        <h2 id={headingId} className={section.heading}>
          {s.heading}
        </h2>
        <p className={section.note}>{s.registryOnly}</p>
      </section>
    );
  }

  const sections = reportSections(
    { registrationNumber: record.registrationNumber, receivedAt, report },
    locale,
  );
  const documentId = record.reportDocumentId;
  return (
    <section className={section.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={section.heading}>
        {s.heading}
      </h2>
      {sections.map((group) => (
        <div key={group.heading} className={styles.group}>
          <h3 className={section.subheading}>{group.heading}</h3>
          <dl className={styles.fields}>
            {group.fields.map((field) => (
              <FieldRow key={field.label} field={field} notGiven={s.notGiven} />
            ))}
          </dl>
        </div>
      ))}
      {signedBy === undefined || signedAt === undefined ? null : (
        <p className={section.note}>
          {s.signedBy(
            signedBy.title === undefined ? signedBy.name : `${signedBy.name}, ${signedBy.title}`,
            formatLocalDateTime(signedAt),
          )}
        </p>
      )}
      <div className={section.row}>
        {documentId === null || documentId === undefined ? (
          <p className={section.note}>{s.pdfPending}</p>
        ) : (
          <Button
            icon={<DocumentPdfRegular />}
            disabled={file.pending !== undefined}
            onClick={() =>
              void file.download({
                id: documentId,
                name: `${record.registrationNumber ?? record.id} rapport.pdf`,
              })
            }
          >
            {file.pending === undefined ? s.openPdf : s.downloading}
          </Button>
        )}
      </div>
      {file.error === undefined ? null : <ErrorAlert title={s.downloadFailed} error={file.error} />}
    </section>
  );
}

function FieldRow(props: { field: DocumentField; notGiven: string }): ReactNode {
  const styles = useReportViewStyles();
  const { label, value } = props.field;
  return (
    <>
      <dt className={styles.term}>{label}</dt>
      <dd className={styles.definition}>
        {isBlank(value) ? (
          <span className={styles.notGiven}>{props.notGiven}</span>
        ) : Array.isArray(value) ? (
          <ul className={styles.list}>
            {value.map((item, index) => (
              // Items can repeat (two files of one name): their place makes the key unique.
              <li key={`${String(index)}:${item}`}>{item}</li>
            ))}
          </ul>
        ) : (
          value
        )}
      </dd>
    </>
  );
}
