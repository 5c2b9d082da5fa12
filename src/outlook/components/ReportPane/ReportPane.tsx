import type { ReactNode } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { formatLocalDateTime } from '../../../core/documents/reportDocument.js';
import { fieldLabels, labelFor, optionLabel, optionLabels } from '../../../core/fields.js';
import type { LocalizedText } from '../../../core/i18n.js';
import type { BreachAnswers } from '../../../core/reports.js';
import { useTickingNow } from '../../../tabs/app/services.js';
import { DeadlineBadge } from '../../../tabs/components/DeadlineBadge/DeadlineBadge.js';
import { ErrorAlert } from '../../../tabs/components/ErrorAlert/ErrorAlert.js';
import { useI18n, useStrings } from '../../../tabs/i18n/I18nContext.js';
import { ReportResult } from '../ReportResult/ReportResult.js';
import { imyDeadline } from './breachDraft.js';
import type { DraftField, EmailBreachCategory, ReportPaneProps } from './ReportPane.types.js';
import { reportPaneStrings } from './reportPaneStrings.js';
import { fieldId, useReportPane, type ReportPaneState } from './useReportPane.js';
import { useReportPaneStyles } from './useReportPaneStyles.styles.js';

const categories: readonly EmailBreachCategory[] = [
  'misdirectedEmail',
  'visibleRecipients',
  'other',
];
const dataCategories = Object.keys(optionLabels.dataCategory) as BreachAnswers['dataCategories'];

function EmailFacts({
  state,
  props,
}: {
  state: ReportPaneState;
  props: ReportPaneProps;
}): ReactNode {
  const s = useStrings(reportPaneStrings);
  const styles = useReportPaneStyles();
  const { captured } = props;
  return (
    <section aria-labelledby="email-heading" className={styles.form}>
      <h2 id="email-heading" className={styles.heading}>
        {s.emailHeading}
      </h2>
      <dl className={styles.facts}>
        <dt className={styles.term}>{s.subject}</dt>
        <dd className={styles.definition}>
          {captured.subject === '' ? s.noSubject : captured.subject}
        </dd>
        {captured.sentAt === undefined ? null : (
          <>
            <dt className={styles.term}>{s.sent}</dt>
            <dd className={styles.definition}>
              <time dateTime={captured.sentAt}>{formatLocalDateTime(captured.sentAt)}</time>
            </dd>
          </>
        )}
        <dt className={styles.term}>{s.attachments}</dt>
        <dd className={styles.definition}>
          {captured.attachments.length === 0
            ? s.noAttachments
            : captured.attachments
                .map((file) => `${file.name} (${String(file.size)} byte)`)
                .join(', ')}
        </dd>
      </dl>
      <p className={styles.note}>{s.identityNumbers(captured.personalIdentityNumberCount)}</p>
      {captured.bodyTruncated ? <p className={styles.note}>{s.bodyTruncated}</p> : null}
      {captured.recipientsVisible ? (
        <p className={styles.note}>
          {s.recipientsVisible(captured.visibleRecipientCount, captured.visibleExternalCount)}
        </p>
      ) : null}
      <RecipientPicker state={state} props={props} />
    </section>
  );
}

function RecipientPicker({
  state,
  props,
}: {
  state: ReportPaneState;
  props: ReportPaneProps;
}): ReactNode {
  const s = useStrings(reportPaneStrings);
  const { locale } = useI18n();
  const styles = useReportPaneStyles();
  const { recipients } = props.captured;
  const chosen = new Set(state.draft.wrongRecipients);
  const error = state.errors.wrongRecipients?.[locale];
  return (
    <fieldset className={styles.fieldset} aria-describedby="recipients-hint">
      <legend className={styles.legend}>{s.recipientsLegend}</legend>
      <p id="recipients-hint" className={styles.note}>
        {recipients.length === 0 ? s.noRecipients : s.recipientsHint}
      </p>
      {recipients.length === 0 ? null : (
        <>
          <div className={styles.recipientActions}>
            <Button size="small" onClick={state.selectExternal}>
              {s.selectExternal}
            </Button>
            <Button size="small" onClick={state.clearSelection}>
              {s.clearSelection}
            </Button>
            <span role="status" className={styles.note}>
              {s.selectedCount(chosen.size, recipients.length)}
            </span>
          </div>
          <div className={styles.recipients}>
            {recipients.map((recipient, index) => (
              <Checkbox
                key={recipient.address}
                {...firstId(index, 'wrongRecipients')}
                checked={chosen.has(recipient.address)}
                onChange={(_event, data) => {
                  state.toggleRecipient(recipient.address, data.checked === true);
                }}
                label={
                  <>
                    {recipient.name === ''
                      ? recipient.address
                      : `${recipient.name} <${recipient.address}>`}{' '}
                    <Badge
                      appearance="tint"
                      color={recipient.external ? 'warning' : 'informative'}
                    >{`${s.fields[recipient.field]}, ${recipient.external ? s.external : s.internal}`}</Badge>
                  </>
                }
              />
            ))}
          </div>
        </>
      )}
      {error === undefined ? null : (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The id of a group's first control, where focus goes when the group has a problem. The others
 * get no `id` prop at all: an explicit undefined would replace the id Fluent links the label by.
 */
function firstId(index: number, field: DraftField): { id?: string } {
  return index === 0 ? { id: fieldId(field) } : {};
}

/** Field props that mark a field invalid and say why, when it is. */
function validation(message: LocalizedText | undefined, locale: 'sv' | 'en') {
  return message === undefined
    ? {}
    : { validationState: 'error' as const, validationMessage: message[locale] };
}

function TextField(props: {
  state: ReportPaneState;
  field: Extract<DraftField, 'description' | 'likelyConsequences' | 'measuresTaken'>;
  required?: boolean;
}): ReactNode {
  const { state, field } = props;
  const { locale } = useI18n();
  return (
    <Field
      label={labelFor('personalDataBreach', field)[locale]}
      required={props.required === true}
      {...validation(state.errors[field], locale)}
    >
      <Textarea
        id={fieldId(field)}
        value={state.draft[field]}
        resize="vertical"
        rows={field === 'description' ? 4 : 3}
        onChange={(_event, data) => {
          state.update(field, data.value);
        }}
      />
    </Field>
  );
}

/** The IMY deadline from the discovery time entered, counting down while the pane is open. */
function ImyDeadline({ state, now }: { state: ReportPaneState; now: () => Date }): ReactNode {
  const current = useTickingNow(now);
  const s = useStrings(reportPaneStrings);
  const { languageTag } = useI18n();
  const styles = useReportPaneStyles();
  const dueAt = imyDeadline(state.draft);
  const due =
    dueAt === null
      ? undefined
      : new Intl.DateTimeFormat(languageTag, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Stockholm',
        }).format(new Date(dueAt));
  return (
    <section aria-labelledby="deadline-heading" className={styles.deadline}>
      <h2 id="deadline-heading" className={styles.heading}>
        {s.deadlineHeading}
      </h2>
      {dueAt === null || due === undefined ? (
        <p className={styles.note}>{s.deadlineUnknown}</p>
      ) : (
        <>
          <DeadlineBadge deadline={{ dueAt, kind: 'imyNotification' }} now={current} />
          <p className={styles.note}>{s.deadline(due)}</p>
        </>
      )}
    </section>
  );
}

function BreachForm({
  state,
  props,
}: {
  state: ReportPaneState;
  props: ReportPaneProps;
}): ReactNode {
  const s = useStrings(reportPaneStrings);
  const { locale } = useI18n();
  const styles = useReportPaneStyles();
  const { draft, errors } = state;
  return (
    <form
      className={styles.form}
      noValidate
      aria-busy={state.submitting}
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit();
      }}
    >
      <EmailFacts state={state} props={props} />
      <Field label={fieldLabels.category[locale]} required {...validation(errors.category, locale)}>
        <RadioGroup
          value={draft.category}
          onChange={(_event, data) => {
            const category = categories.find((candidate) => candidate === data.value);
            if (category !== undefined) state.setCategory(category);
          }}
        >
          {categories.map((category, index) => (
            <Radio
              key={category}
              {...firstId(index, 'category')}
              value={category}
              label={optionLabel('breachCategory', category)[locale]}
            />
          ))}
        </RadioGroup>
      </Field>
      <TextField state={state} field="description" required />
      <Field
        label={fieldLabels.discoveredAt[locale]}
        required
        {...validation(errors.discoveredAt, locale)}
      >
        <Input
          id={fieldId('discoveredAt')}
          type="datetime-local"
          value={draft.discoveredAt}
          onChange={(_event, data) => {
            state.update('discoveredAt', data.value);
          }}
        />
      </Field>
      <ImyDeadline state={state} now={props.now} />
      <Field
        label={fieldLabels['dataSubjects.categories'][locale]}
        hint={s.categoriesHint}
        required
        {...validation(errors.dataSubjectCategories, locale)}
      >
        <Input
          id={fieldId('dataSubjectCategories')}
          value={draft.dataSubjectCategories}
          onChange={(_event, data) => {
            state.update('dataSubjectCategories', data.value);
          }}
        />
      </Field>
      <Field
        label={`${fieldLabels['dataSubjects.approxCount'][locale]} ${s.optional}`}
        {...validation(errors.approxCount, locale)}
      >
        <Input
          id={fieldId('approxCount')}
          type="number"
          min={0}
          inputMode="numeric"
          value={draft.approxCount}
          onChange={(_event, data) => {
            state.update('approxCount', data.value);
          }}
        />
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{fieldLabels.dataCategories[locale]}</legend>
        {dataCategories.map((category, index) => (
          <Checkbox
            key={category}
            {...firstId(index, 'dataCategories')}
            checked={draft.dataCategories.includes(category)}
            label={optionLabel('dataCategory', category)[locale]}
            onChange={(_event, data) => {
              const others = draft.dataCategories.filter((c) => c !== category);
              state.update(
                'dataCategories',
                data.checked === true ? [...others, category] : others,
              );
            }}
          />
        ))}
        {errors.dataCategories === undefined ? null : (
          <p className={styles.error} role="alert">
            {errors.dataCategories[locale]}
          </p>
        )}
      </fieldset>
      <TextField state={state} field="likelyConsequences" />
      <TextField state={state} field="measuresTaken" />
      {errors.form === undefined ? null : (
        <p id={fieldId('form')} tabIndex={-1} className={styles.error} role="alert">
          {errors.form[locale]}
        </p>
      )}
      {state.submitError === undefined ? null : (
        <ErrorAlert
          title={s.submitFailed}
          error={state.submitError}
          retry={{ label: s.retry, onClick: () => void state.submit(), busy: state.submitting }}
        />
      )}
      {Object.keys(errors).length > 0 && state.submitError === undefined ? (
        <p className={styles.error} role="alert">
          {s.checkFields}
        </p>
      ) : null}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={state.submitting}>
          {state.submitting ? s.submitting : s.submit}
        </Button>
        {state.submitting ? <Spinner size="tiny" aria-label={s.submitting} /> : null}
      </div>
    </form>
  );
}

/**
 * The report of a wrongly sent e-mail: the captured facts, the few questions of SPEC §3 left,
 * the IMY deadline counting from when it was discovered, and after sending the registration
 * number and what to do at once.
 */
export function ReportPane(props: ReportPaneProps): ReactNode {
  const state = useReportPane(props);
  if (state.filed !== undefined) return <ReportResult record={state.filed} />;
  return <BreachForm state={state} props={props} />;
}
