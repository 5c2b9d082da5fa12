import { useId, type ReactNode } from 'react';
import {
  Button,
  Field,
  Input,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
} from '@fluentui/react-components';
import type { Locale } from '../../../core/i18n.js';
import { errorText } from '../../i18n/errorText.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import type { CaseLogField, CaseLogFieldError, DraftProblem } from './CaseLog.types.js';
import { caseLogStrings, type CaseLogStrings } from './caseLogStrings.js';
import { useCaseLog, type SaveOutcome } from './useCaseLog.js';
import { useCaseLogStyles } from './useCaseLogStyles.styles.js';

function fieldErrorText(
  s: CaseLogStrings,
  locale: Locale,
  field: CaseLogField,
  error: CaseLogFieldError | undefined,
): string | undefined {
  if (error === undefined) return undefined;
  if ('text' in error) return error.text[locale];
  const texts: Partial<Record<DraftProblem, string>> = s.problems[field];
  return texts[error.problem];
}

/** The form's message after a save that did not go through (nothing while typing or saving). */
function FailureMessage(props: { outcome: SaveOutcome }): ReactNode {
  const { outcome } = props;
  const s = useStrings(caseLogStrings);
  const { t, locale } = useI18n();
  let text: string;
  switch (outcome.kind) {
    case 'idle':
    case 'saving':
    case 'saved':
      return null;
    case 'failed':
      text = outcome.fieldsOnly
        ? s.fixFields
        : `${errorText(outcome.error, locale, t)} ${s.keptText}`;
      break;
    case 'conflictAgain':
      text = s.conflictAgain;
      break;
    case 'noLongerAllowed':
      text = s.cannotSave;
      break;
  }
  const message = (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s.failedHeading}</MessageBarTitle>
        {text}
      </MessageBarBody>
    </MessageBar>
  );
  // Field errors are announced by their fields (Fluent's Field makes each an alert) and focus
  // moves to the first: a second alert here would only talk over them.
  return outcome.kind === 'failed' && outcome.fieldsOnly ? (
    message
  ) : (
    <div role="alert">{message}</div>
  );
}

/**
 * The investigation's running log (fortlöpande dokumentation, SPEC §4): every entry with the
 * date it was documented, the note, whether it is a fact or an assessment, where it came from,
 * its attachment number and who signed it, oldest first. Entries are never edited; those who may
 * add one get a form below the table while the case is open.
 */
export function CaseLog(props: CaseSectionProps): ReactNode {
  const state = useCaseLog(props);
  const s = useStrings(caseLogStrings);
  const { locale, languageTag } = useI18n();
  const styles = useCaseLogStyles();
  const headingId = useId();
  const formHeadingId = useId();
  const { draft, errors, outcome, noteRef, natureRef, sourceRef, attachmentNumberRef } = state;
  const saving = outcome.kind === 'saving';

  const dates = new Intl.DateTimeFormat(languageTag, {
    dateStyle: locale === 'sv' ? 'short' : 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  const errorOf = (field: CaseLogField) => fieldErrorText(s, locale, field, errors[field]);
  const validation = (field: CaseLogField) => {
    const message = errorOf(field);
    return message === undefined
      ? {}
      : { validationState: 'error' as const, validationMessage: message };
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {s.heading}
      </h2>
      <p className={styles.text}>{s.intro}</p>

      {state.entries.length === 0 ? (
        <p className={styles.text}>{s.empty}</p>
      ) : (
        <div className={styles.scroller} role="region" aria-label={s.scrollRegion} tabIndex={0}>
          <Table className={styles.table} aria-label={s.tableLabel} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.columns.documentedAt}</TableHeaderCell>
                <TableHeaderCell>{s.columns.note}</TableHeaderCell>
                <TableHeaderCell>{s.columns.nature}</TableHeaderCell>
                <TableHeaderCell>{s.columns.source}</TableHeaderCell>
                <TableHeaderCell>{s.columns.attachmentNumber}</TableHeaderCell>
                <TableHeaderCell>{s.columns.signedBy}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.entries.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell className={mergeClasses(styles.cell, styles.noWrap)}>
                    <time dateTime={entry.documentedAt}>
                      {dates.format(new Date(entry.documentedAt))}
                    </time>
                  </TableCell>
                  <TableCell className={mergeClasses(styles.cell, styles.note)}>
                    {entry.note}
                  </TableCell>
                  <TableCell className={styles.cell}>{s.natures[entry.nature]}</TableCell>
                  <TableCell className={styles.cell}>{entry.source}</TableCell>
                  <TableCell className={styles.cell}>
                    {entry.attachmentNumber ?? s.noValue}
                  </TableCell>
                  <TableCell className={styles.cell}>
                    {s.signedBy(entry.signedBy.name, entry.signedBy.title)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      {state.closed ? <p className={styles.text}>{s.closed}</p> : null}

      {state.showForm ? (
        <form
          className={styles.form}
          aria-labelledby={formHeadingId}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (state.canAdd && !saving) void state.submit();
          }}
        >
          <h3 id={formHeadingId} className={styles.subheading}>
            {s.formHeading}
          </h3>
          <FailureMessage outcome={outcome} />
          {state.canAdd || outcome.kind === 'noLongerAllowed' ? null : (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{s.cannotSave}</MessageBarBody>
            </MessageBar>
          )}
          <Field label={s.note} required className={styles.wide} {...validation('note')}>
            <Textarea
              ref={noteRef}
              resize="vertical"
              rows={4}
              value={draft.note}
              onChange={(_event, data) => {
                state.setField('note', data.value);
              }}
            />
          </Field>
          <Field label={s.nature} required {...validation('nature')}>
            <RadioGroup
              layout="horizontal"
              value={draft.nature}
              onChange={(_event, data) => {
                if (data.value === 'fact' || data.value === 'assessment') {
                  state.setField('nature', data.value);
                }
              }}
            >
              <Radio ref={natureRef} value="fact" label={s.natures.fact} />
              <Radio value="assessment" label={s.natures.assessment} />
            </RadioGroup>
          </Field>
          <Field
            label={s.source}
            hint={s.sourceHint}
            required
            className={styles.wide}
            {...validation('source')}
          >
            <Input
              ref={sourceRef}
              value={draft.source}
              onChange={(_event, data) => {
                state.setField('source', data.value);
              }}
            />
          </Field>
          <Field
            label={s.attachmentNumber}
            hint={s.attachmentNumberHint}
            {...validation('attachmentNumber')}
          >
            <Input
              ref={attachmentNumberRef}
              className={styles.narrow}
              inputMode="numeric"
              value={draft.attachmentNumber}
              onChange={(_event, data) => {
                state.setField('attachmentNumber', data.value);
              }}
            />
          </Field>
          <Button
            type="submit"
            appearance="primary"
            // Stays focusable while saving, so focus does not drop to the page.
            disabledFocusable={!state.canAdd || saving}
          >
            {saving ? s.saving : s.submit}
          </Button>
        </form>
      ) : null}
      {/* Always in the page, so screen readers hear what is put in it; polite, not an interruption. */}
      <p role="status" className={styles.status}>
        {outcome.kind === 'saved' ? (outcome.afterConflict ? s.savedAfterChange : s.saved) : ''}
      </p>
    </section>
  );
}
