import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { BreachAssessment, CaseForViewer } from '../../src/tabs/api/types.js';
import { BreachAssessmentForm } from '../../src/tabs/components/BreachAssessmentForm/BreachAssessmentForm.js';
import { AUTOSAVE_DELAY_MS } from '../../src/tabs/components/useAutosave/useAutosave.js';
import { FakeCaseApi, SectionHost, breachItem, versionedCaseApi } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The DPO's assessment of a breach against a fake API that keeps versions like the server: the
 * IMY decision and the reasoning IMY practice requires when not notifying, the delay reason a
 * notification after the 72 hours needs, data subjects informed, the reference, autosave through
 * updateAssessment, a merged conflict, read-only views, and English.
 */

const REASONING = 'Dataskyddsombudets motivering';
const NOTIFIED_AT = 'Anmäld till IMY';
const DELAY = 'Skäl till att anmälan gjordes senare än 72 timmar';

/** A registered breach (IMY's 72 hours end 2026-11-27 15:00, see breachItem) at version 2. */
function breach(assessment: BreachAssessment | null = null, overrides = {}): CaseForViewer {
  return breachItem({ state: 'registered', version: 2, assessment, ...overrides });
}

function assessmentCalls(api: FakeCaseApi): { assessment: BreachAssessment; version: number }[] {
  return api.calls
    .filter((call) => call.name === 'updateAssessment')
    .map((call) => ({
      assessment: call.args[1] as BreachAssessment,
      version: call.args[2] as number,
    }));
}

function setUp(item: CaseForViewer = breach(), options: { locale?: 'sv' | 'en' } = {}) {
  const server = versionedCaseApi(item);
  const user = userEvent.setup({
    advanceTimers: (ms) => {
      jest.advanceTimersByTime(ms);
    },
  });
  const view = renderInTab(<SectionHost item={item} section={BreachAssessmentForm} />, {
    api: server.api,
    ...options,
  });
  return { ...server, user, view };
}

async function wait(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('the breach assessment form', () => {
  it('is a section headed "Bedömning" with the IMY decision, the deadline and every field', () => {
    setUp();
    const section = screen.getByRole('region', { name: 'Bedömning' });
    expect(within(section).getByRole('heading', { level: 2, name: 'Bedömning' })).toBeVisible();
    expect(
      within(section).getByText(/Frist för anmälan: 27 november 2026 kl. 15:00/),
    ).toBeVisible();
    const decision = screen.getByRole('radiogroup', { name: 'Anmälan till IMY' });
    expect(within(decision).getByRole('radio', { name: 'Ska anmälas till IMY' })).not.toBeChecked();
    expect(
      screen.getByRole('radiogroup', { name: 'Informeras de registrerade (art. 34)?' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: 'Ert referensnummer (till IMY)' }),
    ).toBeInTheDocument();
    // The rest appear with the decisions they belong to.
    expect(screen.queryByRole('textbox', { name: REASONING })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(NOTIFIED_AT)).not.toBeInTheDocument();
  });

  it("requires the DPO's reasoning when the breach is not notified, and saves it", async () => {
    const { api, user } = setUp();
    await user.click(screen.getByRole('radio', { name: 'Ska inte anmälas till IMY' }));
    const reasoning = screen.getByRole('textbox', { name: REASONING });
    expect(reasoning).toBeRequired();
    expect(reasoning).toHaveAttribute('aria-invalid', 'true');
    expect(reasoning).toHaveAccessibleDescription(
      expect.stringContaining('Motivera varför incidenten inte anmäls till IMY.'),
    );

    await user.type(reasoning, 'Endast namn, mottagaren har raderat mejlet');
    expect(reasoning).not.toHaveAttribute('aria-invalid', 'true');
    await user.tab();
    await wait(0);
    expect(assessmentCalls(api).at(-1)).toEqual({
      assessment: {
        imyNotification: {
          decision: 'notRequired',
          reasoning: 'Endast namn, mottagaren har raderat mejlet',
        },
      },
      version: 3,
    });
    expect(screen.getByRole('status')).toHaveTextContent('Sparat 12:00');
  });

  it('asks for the reason of the delay when IMY was notified after the 72 hours', async () => {
    const { api, user } = setUp();
    await user.click(screen.getByRole('radio', { name: 'Ska anmälas till IMY' }));
    expect(screen.getByRole('textbox', { name: REASONING })).not.toBeRequired();
    const notifiedAt = screen.getByLabelText(NOTIFIED_AT);
    expect(notifiedAt).toHaveAttribute('type', 'datetime-local');

    await user.click(notifiedAt);
    await user.paste('2026-11-27T14:30');
    expect(screen.queryByRole('textbox', { name: DELAY })).not.toBeInTheDocument();

    await user.clear(notifiedAt);
    await user.paste('2026-11-27T16:30');
    const delay = screen.getByRole('textbox', { name: DELAY });
    expect(delay).toBeRequired();
    expect(delay).toHaveAttribute('aria-invalid', 'true');
    await user.type(delay, 'Överlämningen från medarbetaren till chefen tog för lång tid');
    await wait(AUTOSAVE_DELAY_MS);

    expect(assessmentCalls(api).at(-1)?.assessment.imyNotification).toEqual({
      decision: 'required',
      notifiedAt: '2026-11-27T16:30:00+01:00',
      delayReason: 'Överlämningen från medarbetaren till chefen tog för lång tid',
    });
  });

  it("records whether the data subjects were informed, when, and IMY's reference", async () => {
    const { api, user } = setUp();
    await user.click(screen.getByRole('radio', { name: 'Ja' }));
    await user.type(screen.getByRole('textbox', { name: 'Motivering' }), 'Hög risk');
    await user.type(screen.getByLabelText('Informerade'), '2026-11-26');
    await user.type(
      screen.getByRole('textbox', { name: 'Ert referensnummer (till IMY)' }),
      'AMN 2026-0003-1.4',
    );
    await wait(AUTOSAVE_DELAY_MS);
    expect(assessmentCalls(api).at(-1)?.assessment).toEqual({
      dataSubjectsInformed: {
        decision: 'yes',
        reasoning: 'Hög risk',
        informedAt: '2026-11-26T00:00:00+01:00',
      },
      imyReference: 'AMN 2026-0003-1.4',
    });
  });

  it("merges another handler's save of the reference with the DPO's decision", async () => {
    const { api, user, othersSave } = setUp();
    othersSave(() => ({ assessment: { imyReference: 'AMN 2026-0003-1.4' } }));
    await user.click(screen.getByRole('radio', { name: 'Ska anmälas till IMY' }));
    await user.tab();
    await wait(0);

    expect(assessmentCalls(api).map((call) => call.version)).toEqual([2, 3]);
    expect(assessmentCalls(api)[1]?.assessment).toEqual({
      imyNotification: { decision: 'required' },
      imyReference: 'AMN 2026-0003-1.4',
    });
    expect(screen.getByRole('textbox', { name: 'Ert referensnummer (till IMY)' })).toHaveValue(
      'AMN 2026-0003-1.4',
    );
    expect(screen.getByText(/Någon annan har ändrat/)).toHaveTextContent(
      'Ert referensnummer (till IMY)',
    );
  });

  it('stays editable after the case was reported to IMY, for the reference and the time', () => {
    setUp(breach({ imyNotification: { decision: 'required' } }, { state: 'reportedToAuthority' }));
    expect(screen.getByRole('textbox', { name: 'Ert referensnummer (till IMY)' })).toBeEnabled();
    expect(screen.getByLabelText(NOTIFIED_AT)).toBeEnabled();
  });

  it('is read-only text when the case is closed', () => {
    setUp(
      breach(
        {
          imyNotification: { decision: 'notRequired', reasoning: 'Låg risk' },
          imyReference: 'AMN 2026-0003-1.4',
        },
        { state: 'closed' },
      ),
    );
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(
      screen.getByText('Bedömningen kan inte ändras i ärendets nuvarande status.'),
    ).toBeVisible();
    expect(screen.getByText(REASONING, { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      'Låg risk',
    );
    expect(screen.getByText('Ska inte anmälas till IMY')).toBeVisible();
  });

  it('is read-only text for a viewer who may not edit it', () => {
    const item = breachItem({ state: 'registered', assessment: null });
    setUp({ ...item, access: { view: 'full', actions: [] } });
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.getByText('Du kan läsa bedömningen men inte ändra den.')).toBeVisible();
  });

  it('is in English when the locale is English', async () => {
    const { user } = setUp(undefined, { locale: 'en' });
    expect(screen.getByRole('heading', { level: 2, name: 'Assessment' })).toBeVisible();
    await user.click(screen.getByRole('radio', { name: 'Need not be notified to IMY' }));
    expect(
      screen.getByRole('textbox', { name: "The data protection officer's reasoning" }),
    ).toHaveAccessibleDescription(
      expect.stringContaining('Give the reasons why the breach is not notified to IMY.'),
    );
  });
});

describe('the breach assessment form, accessibility', () => {
  it('has no axe violations while editing', async () => {
    jest.useRealTimers();
    const item = breach({ imyNotification: { decision: 'notRequired' } });
    const { container } = renderInTab(<SectionHost item={item} section={BreachAssessmentForm} />, {
      api: versionedCaseApi(item).api,
    });
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((violation) => violation.id)).toEqual([]);
  });
});
