import { useId, type ReactNode } from 'react';
import { Field, Input, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { fieldLabels, optionLabel } from '../../../core/fields.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import { AutosaveNotices } from '../useAutosave/AutosaveNotices.js';
import { autosaveStrings } from '../useAutosave/autosaveStrings.js';
import { instantFromLocal, localDateOf, localDateTimeOf } from '../useAutosave/stockholmTime.js';
import { useFlushOnFocusOut } from '../useAutosave/useAutosave.js';
import type { BreachAssessmentFormProps } from './BreachAssessmentForm.types.js';
import { breachAssessmentFormStrings } from './breachAssessmentFormStrings.js';
import {
  dateTimeText,
  useBreachAssessmentForm,
  type BreachAssessmentFormState,
} from './useBreachAssessmentForm.js';
import { useCaseFormStyles } from '../useAutosave/useCaseFormStyles.styles.js';

/** Field props that mark a field invalid and link the message to it, when there is one. */
function validation(message: string | undefined) {
  return message === undefined
    ? {}
    : { validationState: 'error' as const, validationMessage: message };
}

function AssessmentEditor(props: { state: BreachAssessmentFormState }): ReactNode {
  const { state } = props;
  const { locale, languageTag } = useI18n();
  const s = useStrings(breachAssessmentFormStrings);
  const styles = useCaseFormStyles();
  const saveOnLeave = useFlushOnFocusOut(state.autosave.flush);
  const imy = state.value.imyNotification;
  const subjects = state.value.dataSubjectsInformed;
  const due = state.dueAt === undefined ? undefined : dateTimeText(state.dueAt, languageTag);
  const notRequired = imy?.decision === 'notRequired';
  const showNotifiedAt = imy?.decision === 'required' || imy?.notifiedAt !== undefined;
  const showDelayReason = state.late || (imy?.delayReason ?? '') !== '';
  const showInformedAt = subjects?.decision === 'yes' || subjects?.informedAt !== undefined;

  return (
    <form
      ref={saveOnLeave}
      className={styles.form}
      noValidate
      onSubmit={(event) => {
        // Everything saves by itself; Enter in a field must not reload the page.
        event.preventDefault();
        state.autosave.flush();
      }}
    >
      <h3 className={styles.subheading}>{s.groups.imy}</h3>
      <p className={styles.text}>{due === undefined ? s.noDeadline : s.deadline(due)}</p>
      <Field
        label={fieldLabels['imyNotification.decision'][locale]}
        {...validation(state.errorOf('imyNotification.decision'))}
      >
        <RadioGroup
          value={imy?.decision ?? ''}
          onChange={(_event, data) => {
            state.setImy({ decision: data.value === 'required' ? 'required' : 'notRequired' });
          }}
        >
          <Radio value="required" label={optionLabel('imyNotification', 'required')[locale]} />
          <Radio
            value="notRequired"
            label={optionLabel('imyNotification', 'notRequired')[locale]}
          />
        </RadioGroup>
      </Field>
      {imy === undefined ? null : (
        <Field
          label={fieldLabels['imyNotification.reasoning'][locale]}
          required={notRequired}
          hint={notRequired ? s.reasoningRequiredHint : undefined}
          {...validation(state.errorOf('imyNotification.reasoning'))}
        >
          <Textarea
            value={imy.reasoning ?? ''}
            resize="vertical"
            rows={4}
            onChange={(_event, data) => {
              state.setImy({ reasoning: data.value });
            }}
          />
        </Field>
      )}
      {showNotifiedAt ? (
        <Field
          label={fieldLabels['imyNotification.notifiedAt'][locale]}
          hint={due === undefined ? s.notifiedAtHintNoDeadline : s.notifiedAtHint(due)}
          {...validation(state.errorOf('imyNotification.notifiedAt'))}
        >
          <Input
            type="datetime-local"
            value={localDateTimeOf(imy.notifiedAt)}
            onChange={(_event, data) => {
              state.setImy({ notifiedAt: instantFromLocal(data.value) });
            }}
          />
        </Field>
      ) : null}
      {showDelayReason ? (
        <Field
          label={fieldLabels['imyNotification.delayReason'][locale]}
          required={state.late}
          hint={state.late ? s.delayReasonHint : undefined}
          {...validation(state.errorOf('imyNotification.delayReason'))}
        >
          <Textarea
            value={imy?.delayReason ?? ''}
            resize="vertical"
            onChange={(_event, data) => {
              state.setImy({ delayReason: data.value });
            }}
          />
        </Field>
      ) : null}

      <h3 className={styles.subheading}>{s.groups.dataSubjects}</h3>
      <Field
        label={fieldLabels['dataSubjectsInformed.decision'][locale]}
        {...validation(state.errorOf('dataSubjectsInformed.decision'))}
      >
        <RadioGroup
          layout="horizontal"
          value={subjects?.decision ?? ''}
          onChange={(_event, data) => {
            state.setSubjects({ decision: data.value === 'yes' ? 'yes' : 'no' });
          }}
        >
          <Radio value="yes" label={optionLabel('yesNoUnknown', 'yes')[locale]} />
          <Radio value="no" label={optionLabel('yesNoUnknown', 'no')[locale]} />
        </RadioGroup>
      </Field>
      {subjects === undefined ? null : (
        <Field
          label={s.subjectsReasoning}
          {...validation(state.errorOf('dataSubjectsInformed.reasoning'))}
        >
          <Textarea
            value={subjects.reasoning ?? ''}
            resize="vertical"
            onChange={(_event, data) => {
              state.setSubjects({ reasoning: data.value });
            }}
          />
        </Field>
      )}
      {showInformedAt ? (
        <Field
          label={fieldLabels['dataSubjectsInformed.informedAt'][locale]}
          {...validation(state.errorOf('dataSubjectsInformed.informedAt'))}
        >
          <Input
            type="date"
            value={localDateOf(subjects.informedAt)}
            onChange={(_event, data) => {
              state.setSubjects({ informedAt: instantFromLocal(data.value) });
            }}
          />
        </Field>
      ) : null}

      <h3 className={styles.subheading}>{s.groups.reference}</h3>
      <Field
        label={fieldLabels.imyReference[locale]}
        {...validation(state.errorOf('imyReference'))}
      >
        <Input
          value={state.value.imyReference ?? ''}
          onChange={(_event, data) => {
            state.setReference(data.value);
          }}
        />
      </Field>
    </form>
  );
}

/** The assessment as text, for those who may read but not change it (or not now). */
function AssessmentSummary(props: { state: BreachAssessmentFormState }): ReactNode {
  const { state } = props;
  const { languageTag } = useI18n();
  const s = useStrings(breachAssessmentFormStrings);
  const styles = useCaseFormStyles();
  const { value } = state;
  const fact = (path: string, fieldValue: unknown) => {
    const text = state.describe(path, fieldValue);
    return (
      <>
        <dt className={styles.term}>{state.labelOf(path)}</dt>
        <dd className={styles.definition}>{text === '' ? s.noValue : text}</dd>
      </>
    );
  };
  const imy = value.imyNotification;
  const subjects = value.dataSubjectsInformed;
  return (
    <>
      <h3 className={styles.subheading}>{s.groups.imy}</h3>
      {state.dueAt === undefined ? null : (
        <p className={styles.text}>{s.deadline(dateTimeText(state.dueAt, languageTag))}</p>
      )}
      <dl className={styles.facts}>
        {fact('imyNotification.decision', imy?.decision)}
        {fact('imyNotification.reasoning', imy?.reasoning)}
        {fact('imyNotification.notifiedAt', imy?.notifiedAt)}
        {state.late || imy?.delayReason !== undefined
          ? fact('imyNotification.delayReason', imy?.delayReason)
          : null}
      </dl>
      <h3 className={styles.subheading}>{s.groups.dataSubjects}</h3>
      <dl className={styles.facts}>
        {fact('dataSubjectsInformed.decision', subjects?.decision)}
        {fact('dataSubjectsInformed.reasoning', subjects?.reasoning)}
        {fact('dataSubjectsInformed.informedAt', subjects?.informedAt)}
      </dl>
      <h3 className={styles.subheading}>{s.groups.reference}</h3>
      <dl className={styles.facts}>{fact('imyReference', value.imyReference)}</dl>
    </>
  );
}

function AssessmentSection(props: BreachAssessmentFormProps): ReactNode {
  const state = useBreachAssessmentForm(props);
  const s = useStrings(breachAssessmentFormStrings);
  const a = useStrings(autosaveStrings);
  const styles = useCaseFormStyles();
  const headingId = useId();

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {s.heading}
      </h2>
      <p className={styles.text}>{state.editable ? a.hint : state.readOnlyReason}</p>
      <AutosaveNotices
        autosave={state.autosave}
        labelOf={state.labelOf}
        describe={state.describe}
        isPlaced={state.isPlaced}
      />
      {state.editable ? <AssessmentEditor state={state} /> : <AssessmentSummary state={state} />}
    </section>
  );
}

/**
 * The data protection officer's assessment of a personal data breach (SPEC §3, GDPR art. 33–34):
 * whether IMY must be notified and why (a reason is required when not, as IMY expects), when it
 * was, why late if after the 72 hours, whether the data subjects are informed, and the reference
 * given to IMY. It saves itself like the investigation (see useAutosave).
 */
export function BreachAssessmentForm(props: BreachAssessmentFormProps): ReactNode {
  // One autosave per case: another case is another form, not an edit of this one.
  return <AssessmentSection key={props.record.id} {...props} />;
}
