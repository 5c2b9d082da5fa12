import { useId, useRef, type ChangeEvent, type ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, AttachRegular } from '@fluentui/react-icons';
import { attachmentRules, attachmentTypes } from '../../../core/attachmentTypes.js';
import { errorText } from '../../i18n/errorText.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import { useSectionStyles } from '../CasePage/useSectionStyles.styles.js';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.js';
import { caseDocumentsStrings } from './caseDocumentsStrings.js';
import { useCaseDocuments } from './useCaseDocuments.js';
import { useDocumentDownload } from './useDocumentDownload.js';

const accept = Object.keys(attachmentTypes)
  .map((extension) => `.${extension}`)
  .join(',');

/**
 * The case's documents (the report as filed, investigation and decision PDFs, attachments), each
 * downloadable, and — for a handler — adding attachments the case log can refer to by number.
 */
export function CaseDocuments(props: CaseSectionProps): ReactNode {
  const { record, access, onCaseChanged } = props;
  const s = useStrings(caseDocumentsStrings);
  const { t, locale, languageTag } = useI18n();
  const styles = useSectionStyles();
  const headingId = useId();
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const state = useCaseDocuments(record, onCaseChanged);
  const file = useDocumentDownload(record.id);
  const dates = new Intl.DateTimeFormat(languageTag, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  const numbers = new Intl.NumberFormat(languageTag, { maximumFractionDigits: 1 });
  const size = (bytes: number): string =>
    bytes < 1024
      ? s.bytes(numbers.format(bytes))
      : bytes < 1024 * 1024
        ? s.kilobytes(numbers.format(bytes / 1024))
        : s.megabytes(numbers.format(bytes / 1024 / 1024));
  const mayUpload =
    access.actions.includes('addAttachment') &&
    record.state !== 'closed' &&
    record.state !== 'closedNoInvestigation';

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Cleared at once, so choosing the same file again after a failure fires a change.
    event.target.value = '';
    if (files.length > 0) void state.upload(files);
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {s.heading}
      </h2>
      {state.error === undefined ? null : (
        <ErrorAlert
          title={s.errorHeading}
          error={state.error}
          retry={{ label: s.retry, onClick: state.retry }}
        />
      )}
      {state.documents === undefined ? (
        state.loading ? (
          <Spinner size="small" label={s.loading} />
        ) : null
      ) : state.documents.length === 0 ? (
        <p className={styles.note}>{s.none}</p>
      ) : (
        <Table aria-label={s.tableLabel} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.columns.name}</TableHeaderCell>
              <TableHeaderCell>{s.columns.kind}</TableHeaderCell>
              <TableHeaderCell>{s.columns.createdAt}</TableHeaderCell>
              <TableHeaderCell>{s.columns.size}</TableHeaderCell>
              <TableHeaderCell>{s.columns.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {state.documents.map((document) => (
              <TableRow key={document.id}>
                <TableCell>{document.name}</TableCell>
                <TableCell>{s.kinds[document.kind]}</TableCell>
                <TableCell>
                  <time dateTime={document.createdAt}>
                    {dates.format(new Date(document.createdAt))}
                  </time>
                </TableCell>
                <TableCell>{size(document.size)}</TableCell>
                <TableCell>
                  <Button
                    size="small"
                    icon={<ArrowDownloadRegular />}
                    aria-label={s.downloadNamed(document.name)}
                    disabled={file.pending !== undefined}
                    onClick={() => void file.download(document)}
                  >
                    {file.pending === document.id ? s.downloading : s.download}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {file.error === undefined ? null : <ErrorAlert title={s.downloadFailed} error={file.error} />}
      {mayUpload ? (
        <div className={styles.row}>
          {/* A real file input, labelled; the button only opens it, for a Fluent look. */}
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            multiple
            accept={accept}
            aria-describedby={hintId}
            hidden
            onChange={onFiles}
          />
          <Button
            icon={<AttachRegular />}
            aria-describedby={hintId}
            disabled={state.progress !== undefined}
            onClick={() => inputRef.current?.click()}
          >
            {s.upload}
          </Button>
          <span id={hintId} className={styles.note}>
            {s.uploadHint(attachmentRules.maxFileBytes / 1024 / 1024)}
          </span>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {state.progress === undefined ? null : (
          <Spinner size="tiny" label={s.uploading(state.progress.done + 1, state.progress.total)} />
        )}
        {state.outcomes
          .filter((outcome) => outcome.ok)
          .map((outcome) => (
            <p key={outcome.name} className={styles.note}>
              {s.uploaded(outcome.name)}
            </p>
          ))}
      </div>
      {state.outcomes.some((outcome) => !outcome.ok) ? (
        <div role="alert">
          {state.outcomes.map((outcome) =>
            outcome.ok ? null : (
              <MessageBar key={outcome.name} intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{s.uploadFailed(outcome.name)}</MessageBarTitle>
                  {errorText(outcome.error, locale, t)}
                </MessageBarBody>
              </MessageBar>
            ),
          )}
        </div>
      ) : null}
    </section>
  );
}
