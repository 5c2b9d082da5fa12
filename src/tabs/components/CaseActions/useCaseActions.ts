import { useCallback, useState } from 'react';
import { availableSteps, type AvailableStep } from '../../../core/caseSteps.js';
import { stateLabels } from '../../../core/workflow.js';
import { ApiError } from '../../api/client.js';
import { useServices } from '../../app/services.js';
import { useCaseSaves } from '../CasePage/caseSaves.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import type { ActionOutcome, GeneratedDocument, PendingStep } from './CaseActions.types.js';

const documentStates: readonly string[] = ['decided', 'reportedToAuthority', 'closed'];
const investigationDocumentStates: readonly string[] = [
  'underInvestigation',
  'decided',
  'reportedToAuthority',
  'closed',
];

/**
 * The workflow steps the viewer can take now (from the core, as the server decides them), the
 * documents they can generate, and carrying either out: one at a time, each ending in an outcome
 * the page announces. A step that meets a newer version loads it and says so; nothing is retried
 * behind the user's back, since a step is a decision.
 */
export function useCaseActions({ record, access, onCaseChanged }: CaseSectionProps) {
  const { api } = useServices();
  const saves = useCaseSaves();
  const { locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingStep | undefined>(undefined);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>(undefined);

  const steps: AvailableStep[] = availableSteps(record, access);
  const documents: GeneratedDocument[] = [];
  if (record.type === 'lexSarah') {
    if (access.actions.includes('generateDecision') && documentStates.includes(record.state)) {
      documents.push('decision');
    }
    if (
      access.actions.includes('editInvestigation') &&
      investigationDocumentStates.includes(record.state)
    ) {
      documents.push('investigation');
    }
  }

  const take = useCallback(
    async (step: AvailableStep, reason?: string) => {
      setBusy(true);
      setOutcome(undefined);
      try {
        // The forms' edits first: a step on the version before them would lock them unsaved.
        if (!(await saves.settleAll())) {
          setPending(undefined);
          setOutcome({ kind: 'unsaved' });
          return;
        }
        const changed = await api.takeStep(record.id, step.step, {
          expectedVersion: saves.latestVersion() ?? record.version,
          ...(reason === undefined ? {} : { reason }),
        });
        onCaseChanged(changed);
        setPending(undefined);
        setOutcome({ kind: 'stepTaken', state: stateLabels[changed.state][locale] });
      } catch (error) {
        if (error instanceof ApiError && error.reason === 'conflict') {
          setPending(undefined);
          const fresh = await api.getCase(record.id).catch((reload: unknown) => {
            setOutcome({ kind: 'failed', error: reload, what: 'step' });
            return undefined;
          });
          if (fresh !== undefined) {
            onCaseChanged(fresh.case);
            setOutcome({ kind: 'conflict' });
          }
        } else {
          setOutcome({ kind: 'failed', error, what: 'step' });
        }
      } finally {
        setBusy(false);
      }
    },
    [api, saves, record.id, record.version, onCaseChanged, locale],
  );

  const generate = useCallback(
    async (document: GeneratedDocument) => {
      setBusy(true);
      setOutcome(undefined);
      try {
        const made =
          document === 'decision'
            ? await api.generateDecision(record.id)
            : await api.generateInvestigationDocument(record.id);
        // Filing the document changed the case (its history); show that version.
        const fresh = await api.getCase(record.id);
        onCaseChanged(fresh.case);
        setOutcome({ kind: 'documentMade', name: made.name });
      } catch (error) {
        setOutcome({ kind: 'failed', error, what: 'document' });
      } finally {
        setBusy(false);
      }
    },
    [api, record.id, onCaseChanged],
  );

  return {
    steps,
    documents,
    busy,
    pending,
    /** Asks to take a step: at once, or after the confirmation dialog for weighty ones. */
    request: setPending,
    cancel: useCallback(() => {
      setPending(undefined);
    }, []),
    take,
    generate,
    outcome,
  };
}
