import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Textarea,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { fieldLabels, optionLabel } from '../../../core/fields.js';
import {
  proposedDecisions,
  requiresIvo,
  type ProposedDecision,
} from '../../../core/investigation.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import { AutosaveNotices } from '../useAutosave/AutosaveNotices.js';
import { autosaveStrings } from '../useAutosave/autosaveStrings.js';
import { instantFromLocal, localDateOf } from '../useAutosave/stockholmTime.js';
import { useFlushOnFocusOut } from '../useAutosave/useAutosave.js';
import type {
  InvestigationDateField,
  InvestigationFormProps,
  InvestigationTextField,
} from './InvestigationForm.types.js';
import { investigationFormStrings } from './investigationFormStrings.js';
import {
  MAX_INVESTIGATORS,
  investigatorText,
  rootCauseKeys,
  useInvestigationForm,
  type InvestigationFormState,
} from './useInvestigationForm.js';
import { useInvestigationFormStyles } from './useInvestigationFormStyles.styles.js';

/** Field props that mark a field invalid and link the server's message to it, when there is one. */
function validation(message: string | undefined) {
  return message === undefined
    ? {}
    : { validationState: 'error' as const, validationMessage: message };
}

function isProposedDecision(value: string): value is ProposedDecision {
  return (proposedDecisions as readonly string[]).includes(value);
}

/** The label a field has on the form: the core's, the investigation's own question for `consequences`. */
function useFormLabel(): (field: keyof typeof fieldLabels) => string {
  const { locale } = useI18n();
  return (field) =>
    (field === 'consequences' ? fieldLabels['investigation.consequences'] : fieldLabels[field])[
      locale
    ];
}

function TextField(props: {
  state: InvestigationFormState;
  field: InvestigationTextField;
  multiline?: boolean;
  hint?: string;
}): ReactNode {
  const { state, field, multiline = false, hint } = props;
  const label = useFormLabel()(field);
  const value = state.value[field] ?? '';
  const onChange = (_event: unknown, data: { value: string }) => {
    state.set(field, data.value);
  };
  return (
    <Field label={label} hint={hint} {...validation(state.errorOf(field))}>
      {multiline ? (
        <Textarea value={value} onChange={onChange} resize="vertical" rows={4} />
      ) : (
        <Input value={value} onChange={onChange} />
      )}
    </Field>
  );
}

function DateField(props: { state: InvestigationFormState; field: InvestigationDateField }) {
  const { state, field } = props;
  const label = useFormLabel()(field);
  return (
    <Field label={label} {...validation(state.errorOf(field))}>
      <Input
        type="date"
        value={localDateOf(state.value[field])}
        onChange={(_event, data) => {
          // A date is the first minute of that Stockholm day, with the day's own offset.
          state.set(field, instantFromLocal(data.value));
        }}
      />
    </Field>
  );
}

function Investigators(props: { state: InvestigationFormState }): ReactNode {
  const { state } = props;
  const { locale } = useI18n();
  const s = useStrings(investigationFormStrings);
  const styles = useInvestigationFormStyles();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const list = state.value.investigators ?? [];
  const full = list.length >= MAX_INVESTIGATORS;
  const error = state.errorOf('investigators');

  const add = () => {
    if (full) return;
    const trimmedName = name.trim();
    const trimmedTitle = title.trim();
    if (trimmedName === '') {
      setNameMissing(true);
      nameRef.current?.focus();
      return;
    }
    state.addInvestigator(
      trimmedTitle === '' ? { name: trimmedName } : { name: trimmedName, title: trimmedTitle },
    );
    setName('');
    setTitle('');
    setNameMissing(false);
    // Ready for the next one; the list above announces nothing by itself, the field is labelled.
    nameRef.current?.focus();
  };
  const onEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  return (
    <fieldset
      className={styles.fieldset}
      aria-describedby={error === undefined ? undefined : errorId}
    >
      <legend className={styles.legend}>{fieldLabels.investigators[locale]}</legend>
      {list.length === 0 ? (
        <p className={styles.text}>{s.noInvestigators}</p>
      ) : (
        <ul className={styles.list}>
          {list.map((person, index) => (
            <li key={`${String(index)}-${person.name}`} className={styles.listItem}>
              <span>{investigatorText(person)}</span>
              <Button
                appearance="subtle"
                size="small"
                icon={<DeleteRegular />}
                aria-label={s.removeInvestigator(person.name)}
                onClick={() => {
                  state.removeInvestigator(index);
                  // The button is gone: continue where a new investigator is added.
                  nameRef.current?.focus();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {error === undefined ? null : (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.addRow}>
        <Field
          className={styles.addField}
          label={s.investigatorName}
          {...validation(nameMissing ? s.investigatorNameMissing : undefined)}
        >
          <Input
            ref={nameRef}
            value={name}
            onKeyDown={onEnter}
            onChange={(_event, data) => {
              setName(data.value);
              if (data.value.trim() !== '') setNameMissing(false);
            }}
          />
        </Field>
        <Field className={styles.addField} label={s.investigatorTitle}>
          <Input
            value={title}
            onKeyDown={onEnter}
            onChange={(_event, data) => {
              setTitle(data.value);
            }}
          />
        </Field>
        <Button onClick={add} disabledFocusable={full}>
          {s.addInvestigator}
        </Button>
      </div>
      {full ? <p className={styles.text}>{s.investigatorsFull(MAX_INVESTIGATORS)}</p> : null}
    </fieldset>
  );
}

function RootCauses(props: { state: InvestigationFormState }): ReactNode {
  const { state } = props;
  const { locale } = useI18n();
  const s = useStrings(investigationFormStrings);
  const styles = useInvestigationFormStyles();
  const hintId = useId();
  return (
    <fieldset className={styles.fieldset} aria-describedby={hintId}>
      <legend className={styles.legend}>{fieldLabels.rootCauses[locale]}</legend>
      <p id={hintId} className={styles.text}>
        {s.rootCausesHint}
      </p>
      {rootCauseKeys.map((key) => {
        const cause = state.value.rootCauses?.[key];
        const name = fieldLabels[`rootCauses.${key}`][locale];
        const applies = cause?.applies === true;
        return (
          <div key={key} className={styles.cause}>
            <Checkbox
              label={name}
              checked={applies}
              onChange={(_event, data) => {
                state.setRootCause(key, { applies: data.checked === true });
              }}
            />
            {/* The text is kept when the box is unticked, and shown again when it is ticked. */}
            {applies ? (
              <Field
                className={styles.causeText}
                label={s.rootCauseText(name)}
                {...validation(state.errorOf(`rootCauses.${key}`))}
              >
                <Textarea
                  value={cause.text ?? ''}
                  resize="vertical"
                  onChange={(_event, data) => {
                    state.setRootCause(key, { text: data.value });
                  }}
                />
              </Field>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

function InvestigationEditor(props: { state: InvestigationFormState }): ReactNode {
  const { state } = props;
  const { locale } = useI18n();
  const s = useStrings(investigationFormStrings);
  const styles = useInvestigationFormStyles();
  const formLabel = useFormLabel();
  const yesNo = (value: 'yes' | 'no') => optionLabel('yesNoUnknown', value)[locale];
  const decision = state.value.proposedDecision;
  const saveOnLeave = useFlushOnFocusOut(state.autosave.flush);

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={(event) => {
        // Everything saves by itself; Enter in a field must not reload the page.
        event.preventDefault();
        state.autosave.flush();
      }}
      ref={saveOnLeave}
    >
      <h3 className={styles.subheading}>{s.groups.about}</h3>
      <DateField state={state} field="startedAt" />
      <Field label={formLabel('law')} {...validation(state.errorOf('law'))}>
        <RadioGroup
          layout="horizontal"
          value={state.value.law ?? ''}
          onChange={(_event, data) => {
            state.set('law', data.value === 'LSS' ? 'LSS' : 'SoL');
          }}
        >
          <Radio value="SoL" label={optionLabel('law', 'SoL')[locale]} />
          <Radio value="LSS" label={optionLabel('law', 'LSS')[locale]} />
        </RadioGroup>
      </Field>
      <TextField state={state} field="board" />
      <Investigators state={state} />

      <h3 className={styles.subheading}>{s.groups.event}</h3>
      <TextField state={state} field="howNoticed" multiline />
      <TextField state={state} field="whatHappened" multiline />
      <TextField state={state} field="consequences" multiline />
      <TextField state={state} field="happenedBefore" multiline />
      <Field label={formLabel('couldRecur')} {...validation(state.errorOf('couldRecur'))}>
        <RadioGroup
          layout="horizontal"
          value={state.value.couldRecur ?? ''}
          onChange={(_event, data) => {
            state.set('couldRecur', data.value === 'yes' ? 'yes' : 'no');
          }}
        >
          <Radio value="yes" label={yesNo('yes')} />
          <Radio value="no" label={yesNo('no')} />
        </RadioGroup>
      </Field>
      <TextField state={state} field="couldRecurWhy" multiline hint={s.couldRecurWhyHint} />
      <RootCauses state={state} />

      <h3 className={styles.subheading}>{s.groups.actions}</h3>
      <TextField state={state} field="remedialActions" multiline />
      <TextField state={state} field="remedialActionsWhen" hint={s.remedialActionsWhenHint} />
      <TextField state={state} field="preventiveActions" multiline />
      <TextField state={state} field="followUp" multiline />
      <TextField state={state} field="other" multiline />

      <h3 className={styles.subheading}>{s.groups.decision}</h3>
      <Field
        label={formLabel('proposedDecision')}
        hint={state.decided ? s.proposedDecisionFixed : s.proposedDecisionHint}
        {...validation(state.errorOf('proposedDecision'))}
      >
        <RadioGroup
          value={decision ?? ''}
          disabled={state.decided}
          onChange={(_event, data) => {
            if (isProposedDecision(data.value)) state.set('proposedDecision', data.value);
          }}
        >
          {proposedDecisions.map((outcome) => (
            <Radio
              key={outcome}
              value={outcome}
              label={optionLabel('proposedDecision', outcome)[locale]}
            />
          ))}
        </RadioGroup>
      </Field>
      {decision !== undefined && requiresIvo(decision) ? (
        <p className={styles.note}>{s.goesToIvo}</p>
      ) : null}

      <h3 className={styles.subheading}>{s.groups.dates}</h3>
      <DateField state={state} field="commissioningBoardInformedAt" />
      <DateField state={state} field="ivoNotifiedAt" />
      <DateField state={state} field="ivoCopyAttachedAt" />
      <DateField state={state} field="finalCopySentAt" />
    </form>
  );
}

/** The investigation as text, for those who may read but not change it (or not now). */
function InvestigationSummary(props: { state: InvestigationFormState }): ReactNode {
  const { state } = props;
  const { locale } = useI18n();
  const s = useStrings(investigationFormStrings);
  const styles = useInvestigationFormStyles();
  const formLabel = useFormLabel();
  const { value } = state;

  const row = (label: string, content: ReactNode) => (
    <>
      <dt className={styles.term}>{label}</dt>
      <dd className={styles.definition}>{content}</dd>
    </>
  );
  const fact = (field: keyof typeof value & keyof typeof fieldLabels) => {
    const text = state.describe(field, value[field]);
    return row(formLabel(field), text === '' ? s.noValue : text);
  };
  const investigators = value.investigators ?? [];
  const causes = rootCauseKeys.filter((key) => value.rootCauses?.[key]?.applies === true);

  return (
    <>
      <h3 className={styles.subheading}>{s.groups.about}</h3>
      <dl className={styles.facts}>
        {fact('startedAt')}
        {fact('law')}
        {fact('board')}
        {row(
          formLabel('investigators'),
          investigators.length === 0 ? (
            s.noValue
          ) : (
            <ul className={styles.list}>
              {investigators.map((person, index) => (
                <li key={`${String(index)}-${person.name}`}>{investigatorText(person)}</li>
              ))}
            </ul>
          ),
        )}
      </dl>
      <h3 className={styles.subheading}>{s.groups.event}</h3>
      <dl className={styles.facts}>
        {fact('howNoticed')}
        {fact('whatHappened')}
        {fact('consequences')}
        {fact('happenedBefore')}
        {fact('couldRecur')}
        {fact('couldRecurWhy')}
        {row(
          formLabel('rootCauses'),
          causes.length === 0 ? (
            s.none
          ) : (
            <ul className={styles.list}>
              {causes.map((key) => {
                const name = fieldLabels[`rootCauses.${key}`][locale];
                const text = value.rootCauses?.[key]?.text?.trim() ?? '';
                return <li key={key}>{text === '' ? name : `${name}: ${text}`}</li>;
              })}
            </ul>
          ),
        )}
      </dl>
      <h3 className={styles.subheading}>{s.groups.actions}</h3>
      <dl className={styles.facts}>
        {fact('remedialActions')}
        {fact('remedialActionsWhen')}
        {fact('preventiveActions')}
        {fact('followUp')}
        {fact('other')}
      </dl>
      <h3 className={styles.subheading}>{s.groups.decision}</h3>
      <dl className={styles.facts}>{fact('proposedDecision')}</dl>
      <h3 className={styles.subheading}>{s.groups.dates}</h3>
      <dl className={styles.facts}>
        {fact('commissioningBoardInformedAt')}
        {fact('ivoNotifiedAt')}
        {fact('ivoCopyAttachedAt')}
        {fact('finalCopySentAt')}
      </dl>
    </>
  );
}

function InvestigationSection(props: InvestigationFormProps): ReactNode {
  const state = useInvestigationForm(props);
  const s = useStrings(investigationFormStrings);
  const a = useStrings(autosaveStrings);
  const styles = useInvestigationFormStyles();
  const headingId = useId();
  // Unsaved edits (the case changed state under the user) are still shown, never hidden.
  const notStarted =
    props.record.investigation == null &&
    !state.editable &&
    state.autosave.unsavedFields.length === 0;

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
      {state.editable ? (
        <InvestigationEditor state={state} />
      ) : notStarted ? (
        <p className={styles.text}>{s.notStarted}</p>
      ) : (
        <InvestigationSummary state={state} />
      )}
    </section>
  );
}

/**
 * The Lex Sarah investigation (SPEC §4) as one form that saves itself: every field of the
 * investigation template, editable by a handler while the case is under investigation, and
 * otherwise shown as text. Someone else's concurrent changes are merged in (see useAutosave).
 */
export function InvestigationForm(props: InvestigationFormProps): ReactNode {
  // One autosave per case: another case is another form, not an edit of this one.
  return <InvestigationSection key={props.record.id} {...props} />;
}
