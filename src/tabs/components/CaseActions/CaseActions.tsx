import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Textarea,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { optionLabel } from '../../../core/fields.js';
import type { LocalizedText } from '../../../core/i18n.js';
import { stateLabels, stepLabels } from '../../../core/workflow.js';
import { formatLocalDateTime } from '../../../core/documents/reportDocument.js';
import { useNow } from '../../app/services.js';
import { errorText } from '../../i18n/errorText.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import { useSectionStyles } from '../CasePage/useSectionStyles.styles.js';
import { DeadlineBadge } from '../DeadlineBadge/DeadlineBadge.js';
import { caseActionsStrings } from './caseActionsStrings.js';
import type { PendingStep } from './CaseActions.types.js';
import { useCaseActions } from './useCaseActions.js';
import { useCaseActionsStyles } from './useCaseActionsStyles.styles.js';

/** Steps taken at once; the others are decisions and ask first. */
const immediate: ReadonlySet<string> = new Set(['register', 'openInvestigation']);

/**
 * Where the case stands (state, next deadline, decision) and what the viewer can do now: the
 * workflow steps their role allows from this state — one not yet possible says why — and the
 * documents they can generate. Decisions ask for confirmation; declining asks for the reason.
 */
export function CaseActions(props: CaseSectionProps): ReactNode {
  const { record } = props;
  const actions = useCaseActions(props);
  const s = useStrings(caseActionsStrings);
  const { t, locale } = useI18n();
  const now = useNow();
  const section = useSectionStyles();
  const styles = useCaseActionsStyles();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outcome = actions.outcome;
  useEffect(() => {
    // The button of a step taken is gone (the state moved on), and focus with it: continue at
    // this section, where the live region has just said what happened.
    const dropped = document.activeElement === null || document.activeElement === document.body;
    if (outcome?.kind === 'stepTaken' && dropped) headingRef.current?.focus();
  }, [outcome]);
  const blockedIdBase = useId();
  // Focus goes back to the step's button when its dialog closes (there is no DialogTrigger).
  const restoreFocusTarget = useRestoreFocusTarget();
  // The dialog is mounted at the first request and then closed through `open`, never unmounted
  // while open: Fluent would leave its modal in force, the whole page aria-hidden.
  const [dialogStep, setDialogStep] = useState<PendingStep | undefined>(undefined);
  if (actions.pending !== undefined && actions.pending !== dialogStep) {
    setDialogStep(actions.pending);
  }
  const next =
    record.nextDeadlineAt === null || record.nextDeadlineAt === undefined
      ? null
      : (record.deadlines?.find((deadline) => deadline.dueAt === record.nextDeadlineAt) ?? {
          dueAt: record.nextDeadlineAt,
        });
  const outcomeText = (outcome: string): string => {
    if (outcome === 'decisionNotToInvestigate' || outcome === 'handled') {
      return s.outcomes[outcome];
    }
    const set = record.type === 'personalDataBreach' ? 'imyNotification' : 'proposedDecision';
    return optionLabel(set, outcome)[locale];
  };

  const result = actions.outcome;
  const pending = actions.pending;
  return (
    <section className={section.section} aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className={section.heading}>
        {s.heading}
      </h2>
      <dl className={styles.facts}>
        <dt className={styles.term}>{s.state}</dt>
        <dd className={styles.definition}>{stateLabels[record.state][locale]}</dd>
        {next === null ? null : (
          <>
            <dt className={styles.term}>{s.nextDeadline}</dt>
            <dd className={styles.definition}>
              <DeadlineBadge deadline={next} now={now} />
            </dd>
          </>
        )}
        {record.decision === null || record.decision === undefined ? null : (
          <>
            <dt className={styles.term}>{s.decision}</dt>
            <dd className={styles.definition}>
              {outcomeText(record.decision.outcome)}
              {' – '}
              {s.decidedBy(
                record.decision.decidedBy.name,
                formatLocalDateTime(record.decision.decidedAt),
              )}
              {record.decision.reasoning === undefined ? null : (
                <>
                  <br />
                  {record.decision.reasoning}
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {actions.steps.length === 0 && actions.documents.length === 0 ? (
        <p className={section.note}>{s.noActions}</p>
      ) : null}
      {actions.steps.length === 0 ? null : (
        <div role="group" aria-label={s.actionsLabel} className={section.row}>
          {actions.steps.map((step) => {
            const blockedId = `${blockedIdBase}-${step.step}`;
            return (
              <div key={step.step} className={styles.step}>
                <Button
                  {...restoreFocusTarget}
                  appearance="primary"
                  // Still focusable when blocked, so keyboard and screen reader users hear why.
                  disabledFocusable={step.blockedBy !== undefined || actions.busy}
                  aria-describedby={step.blockedBy === undefined ? undefined : blockedId}
                  onClick={() => {
                    if (immediate.has(step.step)) void actions.take(step);
                    else actions.request(step);
                  }}
                >
                  {stepLabels[step.step][locale]}
                </Button>
                {step.blockedBy === undefined ? null : (
                  <span id={blockedId} className={styles.blocked}>
                    {step.blockedBy[locale]}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      )}
      {actions.documents.length === 0 ? null : (
        <div role="group" aria-label={s.documentsLabel} className={section.row}>
          {actions.documents.map((document) => (
            <Button
              key={document}
              disabledFocusable={actions.busy}
              onClick={() => void actions.generate(document)}
            >
              {document === 'decision' ? s.generateDecision : s.generateInvestigation}
            </Button>
          ))}
        </div>
      )}
      <div role="status" aria-live="polite">
        {actions.busy ? <Spinner size="tiny" label={s.working} /> : null}
        {result?.kind === 'stepTaken' ? (
          <p className={section.note}>{s.done(result.state)}</p>
        ) : null}
        {result?.kind === 'documentMade' ? (
          <p className={section.note}>{s.generated(result.name)}</p>
        ) : null}
      </div>
      {result?.kind === 'failed' || result?.kind === 'conflict' || result?.kind === 'unsaved' ? (
        <div role="alert">
          <MessageBar intent={result.kind === 'failed' ? 'error' : 'warning'} layout="multiline">
            <MessageBarBody>
              {result.kind === 'conflict' ? (
                s.changedMeanwhile
              ) : result.kind === 'unsaved' ? (
                s.unsaved
              ) : (
                <>
                  <MessageBarTitle>
                    {result.what === 'step' ? s.failed : s.generateFailed}
                  </MessageBarTitle>
                  {errorText(result.error, locale, t)}
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : null}
      {dialogStep === undefined ? null : (
        <ConfirmStep
          open={pending !== undefined}
          step={dialogStep}
          busy={actions.busy}
          confirmText={confirmText(dialogStep, record, s, outcomeText)}
          onCancel={actions.cancel}
          onConfirm={(reason) => void actions.take(dialogStep, reason)}
        />
      )}
    </section>
  );
}

function confirmText(
  step: PendingStep,
  record: CaseSectionProps['record'],
  s: (typeof caseActionsStrings)['sv'],
  outcomeText: (outcome: string) => string,
): string | undefined {
  switch (step.step) {
    case 'recordDecision': {
      const outcome =
        record.type === 'lexSarah'
          ? record.investigation?.proposedDecision
          : record.type === 'personalDataBreach'
            ? record.assessment?.imyNotification?.decision
            : 'handled';
      return s.confirmDecision(outcomeText(outcome ?? 'handled'));
    }
    case 'close':
      return s.confirmClose;
    case 'reportToAuthority':
      return s.confirmReport;
    case 'register':
    case 'openInvestigation':
    case 'declineInvestigation':
      return undefined;
  }
}

/** The dialog before a decision: what it means, and the reason where one is needed. */
function ConfirmStep(props: {
  open: boolean;
  step: PendingStep;
  busy: boolean;
  confirmText: string | undefined;
  onCancel: () => void;
  onConfirm: (reason?: string) => void;
}): ReactNode {
  const { step } = props;
  const s = useStrings(caseActionsStrings);
  const { locale } = useI18n();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  // Each opening starts empty, as a new dialog would.
  const [wasOpen, setWasOpen] = useState(props.open);
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) {
      setReason('');
      setTried(false);
    }
  }
  const missing = step.needsReason && reason.trim() === '';
  const title: LocalizedText = stepLabels[step.step];
  return (
    <Dialog
      open={props.open}
      modalType="alert"
      onOpenChange={(_event, data) => {
        if (!data.open) props.onCancel();
      }}
    >
      <DialogSurface>
        <form
          // The reason's own message says what is missing, the same in every browser.
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (missing) return;
            props.onConfirm(step.needsReason ? reason.trim() : undefined);
          }}
        >
          <DialogBody>
            <DialogTitle>{title[locale]}</DialogTitle>
            <DialogContent>
              {props.confirmText === undefined ? null : <p>{props.confirmText}</p>}
              {step.needsReason ? (
                <Field
                  label={s.reasonLabel}
                  hint={s.reasonHint}
                  required
                  validationMessage={tried && missing ? s.reasonRequired : undefined}
                >
                  <Textarea
                    value={reason}
                    resize="vertical"
                    rows={4}
                    onChange={(_event, data) => {
                      setReason(data.value);
                    }}
                  />
                </Field>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button type="button" onClick={props.onCancel} disabled={props.busy}>
                {s.cancel}
              </Button>
              <Button type="submit" appearance="primary" disabledFocusable={props.busy}>
                {s.confirm}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
