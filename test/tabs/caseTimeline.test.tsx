import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seriousViolations } from './axe.js';
import { useState, type ReactNode } from 'react';
import type { CaseAccess } from '../../src/core/access.js';
import type { CaseEvent } from '../../src/core/cases.js';
import { ApiError } from '../../src/tabs/api/client.js';
import type { StoredCaseEvent, VisibleCase } from '../../src/tabs/api/types.js';
import { CaseTimeline } from '../../src/tabs/components/CaseTimeline/CaseTimeline.js';
import { FakeCaseApi, caseItem } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The case's history against a fake API: transitions and changes in words in both languages,
 * oldest first, a reload whenever the page holds a new version, and the error state's retry.
 */

const access: CaseAccess = { view: 'full', actions: [] };
const record = caseItem({ state: 'underInvestigation', version: 6 }).case;

const reporter = { actorId: 'u-rep', actorName: 'Kim Lind' };
const officer = { actorId: 'u-officer', actorName: 'Lena Sarin' };

function stored(sequence: number, event: CaseEvent): StoredCaseEvent {
  return { caseId: record.id, sequence, event };
}

const history: StoredCaseEvent[] = [
  stored(1, { kind: 'filed', at: '2026-11-20T09:00:00+01:00', ...reporter }),
  stored(2, {
    kind: 'transition',
    step: 'submit',
    from: 'draft',
    to: 'submitted',
    at: '2026-11-20T09:00:00+01:00',
    ...reporter,
  }),
  stored(3, {
    kind: 'documentAdded',
    at: '2026-11-20T09:00:05+01:00',
    actorId: 'system',
    actorName: 'System',
    detail: 'doc-1',
  }),
  stored(4, {
    kind: 'transition',
    step: 'register',
    from: 'submitted',
    to: 'registered',
    at: '2026-11-20T10:15:00+01:00',
    ...officer,
  }),
  stored(5, {
    kind: 'transition',
    step: 'openInvestigation',
    from: 'registered',
    to: 'underInvestigation',
    at: '2026-11-21T08:00:00+01:00',
    ...officer,
  }),
  stored(6, {
    kind: 'investigationUpdated',
    at: '2026-11-22T13:30:00+01:00',
    detail: 'investigation',
    ...officer,
  }),
];

/** The page's part: one copy of the case, which another section's save can move on. */
function Page(props: { initial: VisibleCase }): ReactNode {
  const [current, setCurrent] = useState(props.initial);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setCurrent((shown) => ({ ...shown, version: shown.version + 1 }));
        }}
      >
        Another section saves
      </button>
      <button
        type="button"
        onClick={() => {
          setCurrent((shown) => ({ ...shown, version: shown.version + 1, state: 'decided' }));
        }}
      >
        A decision is recorded
      </button>
      <CaseTimeline record={current} access={access} onCaseChanged={setCurrent} />
    </>
  );
}

function renderTimeline(api: FakeCaseApi, locale: 'sv' | 'en' = 'sv', initial = record) {
  const user = userEvent.setup();
  const view = renderInTab(<Page initial={initial} />, { api, locale });
  return { user, ...view };
}

function fakeApi(): FakeCaseApi {
  return new FakeCaseApi(() => Promise.reject(new Error('the history does not list cases')));
}

function itemTexts(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

describe('the case history', () => {
  it('shows a labelled spinner until the events arrive', async () => {
    const api = fakeApi();
    let answer!: (events: StoredCaseEvent[]) => void;
    api.script.listEvents = () =>
      new Promise((resolve) => {
        answer = resolve;
      });
    renderTimeline(api);
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText('Hämtar händelserna…')).toBeInTheDocument();
    answer([]);
    expect(await screen.findByText('Inga händelser ännu.')).toBeInTheDocument();
  });

  it('lists transitions and changes in words, oldest first, with time and actor', async () => {
    const api = fakeApi();
    // Given out of order, to show the section orders by the server's sequence.
    api.script.listEvents = () => Promise.resolve([...history].reverse());
    renderTimeline(api);

    expect(screen.getByRole('heading', { level: 2, name: 'Händelser' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Händelser, äldst först' });
    expect(list.tagName).toBe('OL');
    expect(itemTexts(list)).toEqual([
      '2026-11-20 09:00 · Kim LindRapporten lämnades in',
      '2026-11-20 09:00 · Kim LindUtkast → Inskickad (Skicka in)',
      '2026-11-20 09:00 · SystemetEtt dokument lades till',
      '2026-11-20 10:15 · Lena SarinInskickad → Registrerad (Registrera)',
      '2026-11-21 08:00 · Lena SarinRegistrerad → Under utredning (Inled utredning)',
      '2026-11-22 13:30 · Lena SarinUtredningen sparades',
    ]);
    expect(within(list).getByText('2026-11-21 08:00')).toHaveAttribute(
      'datetime',
      '2026-11-21T08:00:00+01:00',
    );
    expect(api.calls.map((call) => call.args[0])).toEqual([record.id]);
  });

  it('says the same in English', async () => {
    const api = fakeApi();
    api.script.listEvents = () => Promise.resolve(history);
    renderTimeline(api, 'en');
    const list = await screen.findByRole('list', { name: 'History, oldest first' });
    expect(itemTexts(list)).toEqual([
      '20 Nov 2026, 09:00 · Kim LindThe report was filed',
      '20 Nov 2026, 09:00 · Kim LindDraft → Submitted (Submit)',
      '20 Nov 2026, 09:00 · The systemA document was added',
      '20 Nov 2026, 10:15 · Lena SarinSubmitted → Registered (Register)',
      '21 Nov 2026, 08:00 · Lena SarinRegistered → Under investigation (Open investigation)',
      '22 Nov 2026, 13:30 · Lena SarinThe investigation was saved',
    ]);
  });

  it("gives a step's reason, and names the log and assessment changes", async () => {
    const api = fakeApi();
    api.script.listEvents = () =>
      Promise.resolve([
        stored(1, {
          kind: 'transition',
          step: 'declineInvestigation',
          from: 'registered',
          to: 'closedNoInvestigation',
          at: '2026-11-21T08:00:00+01:00',
          reason: 'Rapporten gäller inte ett missförhållande.',
          ...officer,
        }),
        stored(2, {
          kind: 'caseLogEntryAdded',
          at: '2026-11-21T09:00:00+01:00',
          detail: 'e-1',
          ...officer,
        }),
        stored(3, {
          kind: 'assessmentUpdated',
          at: '2026-11-21T10:00:00+01:00',
          detail: 'assessment',
          ...officer,
        }),
      ]);
    renderTimeline(api);
    const list = await screen.findByRole('list', { name: 'Händelser, äldst först' });
    expect(itemTexts(list)).toEqual([
      '2026-11-21 08:00 · Lena SarinRegistrerad → Avslutad utan utredning (Beslut att inte utreda)' +
        'Motivering: Rapporten gäller inte ett missförhållande.',
      '2026-11-21 09:00 · Lena SarinEn anteckning fördes in i utredningsloggen',
      '2026-11-21 10:00 · Lena SarinBedömningen av incidenten sparades',
    ]);
  });

  it('loads again when the page holds a new version of the case, keeping the list meanwhile', async () => {
    const api = fakeApi();
    api.script.listEvents = () => Promise.resolve(history);
    const { user } = renderTimeline(api);
    const list = await screen.findByRole('list', { name: 'Händelser, äldst först' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(6);

    let answer!: (events: StoredCaseEvent[]) => void;
    api.script.listEvents = () =>
      new Promise((resolve) => {
        answer = resolve;
      });
    await user.click(screen.getByRole('button', { name: 'Another section saves' }));
    expect(list).toHaveAttribute('aria-busy', 'true');
    expect(within(list).getAllByRole('listitem')).toHaveLength(6);

    answer([
      ...history,
      stored(7, {
        kind: 'caseLogEntryAdded',
        at: '2026-11-25T12:00:00+01:00',
        detail: 'e-9',
        ...officer,
      }),
    ]);
    await waitFor(() => {
      expect(within(list).getAllByRole('listitem')).toHaveLength(7);
    });
    expect(list).toHaveAttribute('aria-busy', 'false');
    expect(api.calls.map((call) => call.name)).toEqual(['listEvents', 'listEvents']);
    expect(within(list).getAllByRole('listitem')[6]).toHaveTextContent(
      'En anteckning fördes in i utredningsloggen',
    );
  });

  it('loads a protected case’s history again only when its state changes: each load is logged', async () => {
    const api = fakeApi();
    api.script.listEvents = () => Promise.resolve(history);
    const { user } = renderTimeline(api, 'sv', { ...record, protectedIdentity: true });
    await screen.findByRole('list', { name: 'Händelser, äldst först' });

    await user.click(screen.getByRole('button', { name: 'Another section saves' }));
    await user.click(screen.getByRole('button', { name: 'Another section saves' }));
    expect(api.calls.map((call) => call.name)).toEqual(['listEvents']);

    await user.click(screen.getByRole('button', { name: 'A decision is recorded' }));
    await waitFor(() => {
      expect(api.calls.map((call) => call.name)).toEqual(['listEvents', 'listEvents']);
    });
  });

  it('says what went wrong and tries again, returning focus to the section', async () => {
    const api = fakeApi();
    api.script.listEvents = () => Promise.reject(new ApiError('network', null));
    const { user } = renderTimeline(api);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Händelserna kunde inte hämtas');
    expect(alert).toHaveTextContent(
      'Servern svarar inte. Kontrollera anslutningen och försök igen.',
    );
    expect(screen.queryByRole('list')).not.toBeInTheDocument();

    api.script.listEvents = () => Promise.resolve(history);
    await user.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('list', { name: 'Händelser, äldst först' })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Händelser' })).toHaveFocus();
    expect(api.calls).toHaveLength(2);
  });

  it("shows the server's own words for a refusal, in English too", async () => {
    const api = fakeApi();
    api.script.listEvents = () =>
      Promise.reject(
        new ApiError('forbidden', 403, {
          sv: 'Du har inte behörighet till detta ärende.',
          en: 'You do not have access to this case.',
        }),
      );
    renderTimeline(api, 'en');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The history could not be loaded');
    expect(alert).toHaveTextContent('You do not have access to this case.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  });

  it('has no serious or critical axe violations', async () => {
    const api = fakeApi();
    api.script.listEvents = () => Promise.resolve(history);
    const { container } = renderTimeline(api);
    await screen.findByRole('list', { name: 'Händelser, äldst först' });
    expect(await seriousViolations(container)).toEqual([]);
  });
});
