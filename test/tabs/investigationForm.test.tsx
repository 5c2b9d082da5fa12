import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { ApiError } from '../../src/tabs/api/client.js';
import type { CaseForViewer, Investigation, VisibleCase } from '../../src/tabs/api/types.js';
import { CasePage } from '../../src/tabs/components/CasePage/CasePage.js';
import { InvestigationForm } from '../../src/tabs/components/InvestigationForm/InvestigationForm.js';
import { AUTOSAVE_DELAY_MS } from '../../src/tabs/components/useAutosave/useAutosave.js';
import {
  FakeCaseApi,
  SectionHost,
  caseItem,
  investigationItem,
  versionedCaseApi,
} from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The Lex Sarah investigation form against a fake API that keeps versions like the server:
 * autosave after the pause, on leaving a field, on unmount and page hide; one save at a time;
 * retries; conflicts merged or put to the user; validation errors on their fields; read-only
 * views; English; root causes; investigators and dates.
 */

const WHAT = 'Vad har missförhållandet eller risken bestått i?';
const HOW = 'När och hur uppmärksammades det?';

const started: Investigation = { law: 'SoL', board: 'Arbetsmarknadsnämnden' };

function updateCalls(
  api: FakeCaseApi,
): { investigation: Investigation; expectedVersion: number }[] {
  return api.calls
    .filter((call) => call.name === 'updateInvestigation')
    .map((call) => ({
      investigation: call.args[1] as Investigation,
      expectedVersion: call.args[2] as number,
    }));
}

function setUp(
  item: CaseForViewer = investigationItem(started),
  options: { locale?: 'sv' | 'en' } = {},
) {
  const server = versionedCaseApi(item);
  const user = userEvent.setup({
    advanceTimers: (ms) => {
      jest.advanceTimersByTime(ms);
    },
  });
  const view = renderInTab(<SectionHost item={item} section={InvestigationForm} />, {
    api: server.api,
    ...options,
  });
  return { ...server, user, view, item };
}

/** Lets the timers run `ms` and every promise they settle. */
async function wait(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function status(): HTMLElement {
  return screen.getByRole('status');
}

async function typeIn(user: UserEvent, label: string, text: string): Promise<HTMLElement> {
  const box = screen.getByRole('textbox', { name: label });
  await user.click(box);
  await user.type(box, text);
  return box;
}

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('the investigation form', () => {
  it('is a section headed "Utredning" with every field of the template, labelled', () => {
    setUp();
    const section = screen.getByRole('region', { name: 'Utredning' });
    expect(within(section).getByRole('heading', { level: 2, name: 'Utredning' })).toBeVisible();
    for (const label of [
      'Nämnd som utreder',
      HOW,
      WHAT,
      'Vilka konsekvenser fick/kunde händelsen få för den enskilde?',
      'Har det inträffat tidigare? Varför igen?',
      'Förklara',
      'Åtgärder för att undanröja eller avhjälpa',
      'När',
      'Åtgärder för att förhindra',
      'Behov av uppföljning, utvärdering och kontroll',
      'Övrigt',
      'Utredarens namn',
      'Utredarens titel',
    ]) {
      expect(screen.getByRole('textbox', { name: label })).toBeEnabled();
    }
    for (const label of [
      'Utredningen inledd',
      'Beställande nämnd informerad',
      'Anmäld till IVO',
      'Kopia av utredningen till IVO',
      'Slutlig kopia skickad',
    ]) {
      expect(screen.getByLabelText(label)).toHaveAttribute('type', 'date');
    }
    expect(screen.getByRole('radiogroup', { name: 'Lagrum' })).toBeVisible();
    expect(screen.getByRole('radio', { name: 'SoL' })).toBeChecked();
    expect(
      screen.getByRole('radiogroup', { name: 'Skulle något liknande kunna inträffa igen?' }),
    ).toBeVisible();
    const causes = screen.getByRole('group', { name: 'Bakomliggande orsaker' });
    for (const cause of [
      'Kommunikation och information',
      'Utbildning och kompetens',
      'Processer, rutiner och riktlinjer',
      'Omgivning och organisation',
      'Teknik, utrustning och apparatur',
      'Andra',
    ]) {
      expect(within(causes).getByRole('checkbox', { name: cause })).not.toBeChecked();
    }
    const decision = screen.getByRole('radiogroup', { name: 'Förslag till beslut' });
    expect(within(decision).getAllByRole('radio')).toHaveLength(5);
    // The two serious outcomes say they go to IVO.
    expect(
      within(decision).getByRole('radio', {
        name: 'Allvarligt missförhållande (anmäls till IVO)',
      }),
    ).toBeInTheDocument();
    expect(
      within(decision).getByRole('radio', {
        name: 'Påtaglig risk för allvarligt missförhållande (anmäls till IVO)',
      }),
    ).toBeInTheDocument();
  });

  it('saves the whole form once, 1.5 s after the last keystroke, with the version it was loaded at', async () => {
    const { api, user } = setUp();
    await typeIn(user, WHAT, 'Insatsen uteblev');
    expect(updateCalls(api)).toHaveLength(0);

    await wait(AUTOSAVE_DELAY_MS - 1);
    expect(updateCalls(api)).toHaveLength(0);
    await wait(1);

    expect(updateCalls(api)).toEqual([
      { investigation: { ...started, whatHappened: 'Insatsen uteblev' }, expectedVersion: 4 },
    ]);
    expect(status()).toHaveTextContent('Sparat 12:00');
  });

  it('coalesces edits made within the pause into one save', async () => {
    const { api, user } = setUp();
    const box = await typeIn(user, WHAT, 'Första');
    await wait(AUTOSAVE_DELAY_MS - 500);
    await user.type(box, ' andra');
    await wait(AUTOSAVE_DELAY_MS - 500);
    await user.type(box, ' tredje');
    await wait(AUTOSAVE_DELAY_MS);

    expect(updateCalls(api)).toEqual([
      {
        investigation: { ...started, whatHappened: 'Första andra tredje' },
        expectedVersion: 4,
      },
    ]);
  });

  it('saves at once when a field loses focus, and then with the new version', async () => {
    const { api, user } = setUp();
    await typeIn(user, WHAT, 'Insatsen uteblev');
    await user.tab();
    await wait(0);
    expect(updateCalls(api)).toHaveLength(1);

    await typeIn(user, HOW, 'Vid uppföljning');
    await user.tab();
    await wait(0);
    expect(updateCalls(api).map((call) => call.expectedVersion)).toEqual([4, 5]);
    expect(updateCalls(api)[1]?.investigation).toEqual({
      ...started,
      whatHappened: 'Insatsen uteblev',
      howNoticed: 'Vid uppföljning',
    });
  });

  it('never has two saves in flight: edits made meanwhile follow in one save, newest wins', async () => {
    const item = investigationItem(started);
    const { api, user } = setUp(item);
    const answers: ((record: VisibleCase) => void)[] = [];
    let version = item.case.version;
    api.script.updateInvestigation = (_id, investigation) =>
      new Promise((resolve) => {
        answers.push(() => {
          version += 1;
          resolve({ ...item.case, investigation, version });
        });
      });

    const box = await typeIn(user, WHAT, 'Ett');
    await user.tab();
    await wait(0);
    await user.type(box, ' två');
    await user.tab();
    await user.type(box, ' tre');
    await wait(AUTOSAVE_DELAY_MS * 2);
    expect(updateCalls(api)).toHaveLength(1);
    expect(status()).toHaveTextContent('Sparar…');

    await act(async () => {
      answers[0]?.(item.case);
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(updateCalls(api)).toHaveLength(2);
    expect(updateCalls(api)[1]).toEqual({
      investigation: { ...started, whatHappened: 'Ett två tre' },
      expectedVersion: 5,
    });
    // The answer to the first save did not overwrite what was typed after it.
    expect(box).toHaveValue('Ett två tre');
    await act(async () => {
      answers[1]?.(item.case);
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(status()).toHaveTextContent('Sparat 12:00');
  });

  it('says it could not save and sends the same edit again after a network failure', async () => {
    const { api, user } = setUp();
    const stored = api.script.updateInvestigation;
    let failures = 2;
    api.script.updateInvestigation = (...args) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new ApiError('network', null));
      }
      return stored!(...args);
    };
    await typeIn(user, WHAT, 'Insatsen uteblev');
    await user.tab();
    await wait(0);
    expect(status()).toHaveTextContent('Kunde inte spara – försöker igen');
    expect(screen.getByRole('textbox', { name: WHAT })).toHaveValue('Insatsen uteblev');

    await wait(1000);
    expect(updateCalls(api)).toHaveLength(2);
    expect(status()).toHaveTextContent('Kunde inte spara – försöker igen');
    // Backoff: the next attempt waits twice as long.
    await wait(1999);
    expect(updateCalls(api)).toHaveLength(2);
    await wait(1);

    expect(updateCalls(api)).toHaveLength(3);
    expect(updateCalls(api)[2]).toEqual({
      investigation: { ...started, whatHappened: 'Insatsen uteblev' },
      expectedVersion: 4,
    });
    expect(status()).toHaveTextContent('Sparat 12:00');
  });

  it('merges a newer save of another field and saves again, telling the user', async () => {
    const { api, user, othersSave, stored } = setUp();
    othersSave(() => ({ investigation: { ...started, whatHappened: 'Kollegans text' } }));

    await typeIn(user, HOW, 'Vid uppföljning');
    await user.tab();
    await wait(0);

    expect(api.getCalls).toHaveLength(1);
    expect(updateCalls(api)).toEqual([
      { investigation: { ...started, howNoticed: 'Vid uppföljning' }, expectedVersion: 4 },
      {
        investigation: {
          ...started,
          howNoticed: 'Vid uppföljning',
          whatHappened: 'Kollegans text',
        },
        expectedVersion: 5,
      },
    ]);
    expect(stored().version).toBe(6);
    expect(screen.getByRole('textbox', { name: WHAT })).toHaveValue('Kollegans text');
    expect(screen.getByText(/Någon annan har ändrat/)).toHaveTextContent(WHAT);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(status()).toHaveTextContent('Sparat 12:00');
  });

  it('merges a change another section made (a case log entry) without a conflict', async () => {
    const item = investigationItem(started);
    const { api, user, othersSave, view } = setUp(item);
    const logged = othersSave(() => ({ caseLog: [] }));
    view.rerender(<SectionHost item={item} section={InvestigationForm} latest={logged} />);

    await typeIn(user, WHAT, 'Insatsen uteblev');
    await user.tab();
    await wait(0);

    expect(updateCalls(api).map((call) => call.expectedVersion)).toEqual([5]);
    expect(api.getCalls).toHaveLength(0);
    expect(screen.queryByText(/Någon annan har ändrat/)).not.toBeInTheDocument();
  });

  it('asks which version to keep when both changed the same field, and saves the choice', async () => {
    const { api, user, othersSave } = setUp(
      investigationItem({ ...started, whatHappened: 'Gemensam början' }),
    );
    othersSave((record) => ({
      investigation: { ...record.investigation, whatHappened: 'Deras version av texten' },
    }));
    await typeIn(user, HOW, 'Vid uppföljning');
    const box = screen.getByRole('textbox', { name: WHAT });
    await user.clear(box);
    await user.type(box, 'Min version av texten');
    await user.tab();
    await wait(0);

    const alert = screen.getByRole('alert');
    const field = within(alert).getByRole('group', { name: WHAT });
    expect(field).toHaveTextContent('Din versionMin version av texten');
    expect(field).toHaveTextContent('Deras versionDeras version av texten');
    // Only the field both changed is asked about.
    expect(within(alert).getAllByRole('button', { name: 'Behåll min' })).toHaveLength(1);
    expect(status()).toHaveTextContent('Sparandet väntar');
    // Nothing is saved until the user has chosen, not even after the pause.
    await wait(AUTOSAVE_DELAY_MS * 2);
    expect(updateCalls(api)).toHaveLength(1);

    await user.click(within(field).getByRole('button', { name: 'Använd deras' }));
    await wait(0);

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(box).toHaveValue('Deras version av texten');
    expect(updateCalls(api)[1]).toEqual({
      investigation: {
        ...started,
        howNoticed: 'Vid uppföljning',
        whatHappened: 'Deras version av texten',
      },
      expectedVersion: 5,
    });
    expect(status()).toHaveTextContent('Sparat 12:00');
  });

  it('keeps the user\'s value when they choose "Behåll min", and the other merged fields too', async () => {
    const { api, user, othersSave } = setUp(
      investigationItem({ ...started, whatHappened: 'Gemensam början' }),
    );
    othersSave((record) => ({
      investigation: {
        ...record.investigation,
        whatHappened: 'Deras version',
        followUp: 'Uppföljning om tre månader',
      },
    }));
    const box = screen.getByRole('textbox', { name: WHAT });
    await user.clear(box);
    await user.type(box, 'Min version');
    await user.tab();
    await wait(0);

    const field = within(screen.getByRole('alert')).getByRole('group', { name: WHAT });
    await user.click(within(field).getByRole('button', { name: 'Behåll min' }));
    await wait(0);

    expect(box).toHaveValue('Min version');
    expect(updateCalls(api)[1]).toEqual({
      investigation: {
        ...started,
        whatHappened: 'Min version',
        followUp: 'Uppföljning om tre månader',
      },
      expectedVersion: 5,
    });
    expect(status()).toHaveTextContent('Sparat 12:00');
  });

  it("shows a refused field as invalid, with the server's message linked to it", async () => {
    const { api, user } = setUp();
    api.script.updateInvestigation = () =>
      Promise.reject(
        new ApiError('validation', 400, undefined, [
          {
            field: 'investigation.whatHappened',
            message: {
              sv: `${WHAT}: Texten är för lång (högst 8000 tecken).`,
              en: 'Too long',
            },
          },
        ]),
      );
    const box = await typeIn(user, WHAT, 'Alldeles för lång text');
    await user.tab();
    await wait(0);

    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(`${WHAT}: Texten är för lång (högst 8000 tecken).`);
    expect(status()).toHaveTextContent('Kunde inte spara – rätta de markerade fälten');
    // The same refused form is not sent again on every blur…
    await user.click(box);
    await user.tab();
    await wait(AUTOSAVE_DELAY_MS);
    expect(updateCalls(api)).toHaveLength(1);
    // …but is once the user changes it.
    await user.type(box, '!');
    await wait(AUTOSAVE_DELAY_MS);
    expect(updateCalls(api)).toHaveLength(2);
  });

  it('saves at once when the form unmounts (the user navigates away)', async () => {
    const { api, user, view } = setUp();
    await typeIn(user, WHAT, 'Sista ändringen');
    view.unmount();
    await wait(0);
    expect(updateCalls(api)).toEqual([
      { investigation: { ...started, whatHappened: 'Sista ändringen' }, expectedVersion: 4 },
    ]);
  });

  it('saves at once when the page is hidden or left', async () => {
    const { api, user } = setUp();
    await typeIn(user, WHAT, 'Före pagehide');
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await wait(0);
    expect(updateCalls(api)).toHaveLength(1);
  });

  it('enables the text of a root cause when it is ticked, and saves both', async () => {
    const { api, user } = setUp();
    expect(
      screen.queryByRole('textbox', { name: 'Processer, rutiner och riktlinjer: beskrivning' }),
    ).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Processer, rutiner och riktlinjer' }));
    const text = screen.getByRole('textbox', {
      name: 'Processer, rutiner och riktlinjer: beskrivning',
    });
    expect(text).toBeEnabled();
    await user.type(text, 'Rutinen var okänd');
    await wait(AUTOSAVE_DELAY_MS);

    expect(updateCalls(api).at(-1)?.investigation.rootCauses).toEqual({
      routines: { applies: true, text: 'Rutinen var okänd' },
    });
  });

  it('adds and removes investigators, and needs a name to add one', async () => {
    const { api, user } = setUp();
    await user.click(screen.getByRole('button', { name: 'Lägg till utredare' }));
    const name = screen.getByRole('textbox', { name: 'Utredarens namn' });
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();

    await user.type(name, 'Anna Berg');
    await user.type(screen.getByRole('textbox', { name: 'Utredarens titel' }), 'Utredare{Enter}');
    await user.type(name, 'Karl Ek');
    await user.click(screen.getByRole('button', { name: 'Lägg till utredare' }));
    await wait(AUTOSAVE_DELAY_MS);
    expect(updateCalls(api).at(-1)?.investigation.investigators).toEqual([
      { name: 'Anna Berg', title: 'Utredare' },
      { name: 'Karl Ek' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Ta bort Anna Berg' }));
    await wait(AUTOSAVE_DELAY_MS);
    expect(updateCalls(api).at(-1)?.investigation.investigators).toEqual([{ name: 'Karl Ek' }]);
    expect(screen.getByRole('listitem')).toHaveTextContent('Karl Ek');
  });

  it("sends a date as the first minute of that day in Stockholm, with the day's offset", async () => {
    const { api, user } = setUp();
    await user.type(screen.getByLabelText('Utredningen inledd'), '2026-11-20');
    await user.type(screen.getByLabelText('Anmäld till IVO'), '2026-06-01');
    await wait(AUTOSAVE_DELAY_MS);
    const saved = updateCalls(api).at(-1)?.investigation;
    expect(saved?.startedAt).toBe('2026-11-20T00:00:00+01:00');
    expect(saved?.ivoNotifiedAt).toBe('2026-06-01T00:00:00+02:00');
  });

  it('saves the proposed decision and says when it goes to IVO', async () => {
    const { api, user } = setUp();
    await user.click(
      screen.getByRole('radio', { name: 'Allvarligt missförhållande (anmäls till IVO)' }),
    );
    expect(screen.getByText('Förslaget innebär att ärendet ska anmälas till IVO.')).toBeVisible();
    await wait(AUTOSAVE_DELAY_MS);
    expect(updateCalls(api).at(-1)?.investigation.proposedDecision).toBe('seriousMisconduct');
  });

  it('shows unsaved text, and says so, when the case is closed before it was saved', async () => {
    const item = investigationItem(null);
    const { api, user, othersSave, view } = setUp(item);
    await typeIn(user, WHAT, 'Inte sparad ännu');
    const decided = othersSave(() => ({ state: 'closed' }));
    view.rerender(<SectionHost item={item} section={InvestigationForm} latest={decided} />);
    await wait(AUTOSAVE_DELAY_MS);

    expect(updateCalls(api)).toHaveLength(0);
    expect(screen.getByRole('alert')).toHaveTextContent(
      `dina senaste ändringar har inte sparats: ${WHAT}`,
    );
    expect(screen.queryByText('Utredningen har inte inletts.')).not.toBeInTheDocument();
    expect(screen.getByText(WHAT, { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      'Inte sparad ännu',
    );
  });

  it('keeps the proposed decision fixed once the decision is recorded, the rest editable', () => {
    setUp(investigationItem({ ...started, proposedDecision: 'misconduct' }, { state: 'decided' }));
    const section = screen.getByRole('region', { name: 'Utredning' });
    expect(within(section).getByRole('textbox', { name: WHAT })).toBeEnabled();
    const misconduct = within(section).getByRole('radio', { name: 'Missförhållande' });
    expect(misconduct).toBeChecked();
    expect(misconduct).toBeDisabled();
    expect(
      within(section).getByText(
        'Beslutet är registrerat. Förslaget till beslut kan inte längre ändras.',
      ),
    ).toBeVisible();
  });

  it('is read-only text when the case is closed', () => {
    setUp(
      investigationItem(
        {
          ...started,
          whatHappened: 'Insatsen uteblev',
          rootCauses: { routines: { applies: true, text: 'Okänd rutin' } },
        },
        { state: 'closed' },
      ),
    );
    const section = screen.getByRole('region', { name: 'Utredning' });
    expect(within(section).queryByRole('textbox')).not.toBeInTheDocument();
    expect(within(section).queryByRole('radio')).not.toBeInTheDocument();
    expect(
      within(section).getByText(
        'Utredningen kan ändras från att den inleds till att ärendet avslutas.',
      ),
    ).toBeVisible();
    const term = within(section).getByText(WHAT, { selector: 'dt' });
    expect(term.nextElementSibling).toHaveTextContent('Insatsen uteblev');
    expect(
      within(section).getByText('Processer, rutiner och riktlinjer: Okänd rutin'),
    ).toBeVisible();
  });

  it('is read-only text for a viewer who may not edit the investigation', () => {
    const { api } = setUp(investigationItem(started, {}, { view: 'full', actions: [] }));
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('Du kan läsa utredningen men inte ändra den.')).toBeVisible();
    expect(api.calls).toHaveLength(0);
  });

  it('says the investigation has not been opened while the case is only registered', () => {
    setUp(caseItem({ state: 'registered', investigation: null }));
    expect(screen.getByText('Utredningen har inte inletts.')).toBeVisible();
  });

  it('is in English when the locale is English', async () => {
    const { api, user } = setUp(undefined, { locale: 'en' });
    expect(screen.getByRole('heading', { level: 2, name: 'Investigation' })).toBeVisible();
    expect(screen.getByRole('radiogroup', { name: 'Proposed decision' })).toBeVisible();
    expect(screen.getByRole('checkbox', { name: 'Training and competence' })).toBeInTheDocument();
    await typeIn(user, 'What did the impropriety or risk consist of?', 'The visit was missed');
    await user.tab();
    await wait(0);
    expect(updateCalls(api)).toHaveLength(1);
    expect(status()).toHaveTextContent('Saved 12:00');
  });
});

describe('the investigation form on the case page', () => {
  it('keeps focus in the field across saves, and the page follows each new version', async () => {
    const item = investigationItem(started, { caseLog: [], decision: null });
    const { api, othersSave } = versionedCaseApi(item);
    api.script.listEvents = () => Promise.resolve([]);
    api.script.listDocuments = () => Promise.resolve([]);
    const user = userEvent.setup({
      advanceTimers: (ms) => {
        jest.advanceTimersByTime(ms);
      },
    });
    renderInTab(<CasePage caseId={item.case.id} backHref="#/cases" />, { api });
    const box = await screen.findByRole('textbox', { name: WHAT });

    await user.click(box);
    await user.type(box, 'Första');
    await wait(AUTOSAVE_DELAY_MS);
    expect(box).toHaveFocus();
    await user.type(box, ' andra');
    await wait(AUTOSAVE_DELAY_MS);
    expect(box).toHaveFocus();
    expect(updateCalls(api).map((call) => call.expectedVersion)).toEqual([4, 5]);

    // A later change elsewhere on the case is merged too when this form saves next.
    othersSave((record) => ({ investigation: { ...record.investigation, other: 'Från kollega' } }));
    await user.type(box, ' tredje');
    await wait(AUTOSAVE_DELAY_MS);
    expect(updateCalls(api).at(-1)).toEqual({
      investigation: { ...started, whatHappened: 'Första andra tredje', other: 'Från kollega' },
      expectedVersion: 7,
    });
    expect(box).toHaveFocus();
  });
});

describe('the investigation form, accessibility', () => {
  async function violations(container: HTMLElement): Promise<string[]> {
    // jsdom cannot compute colours; Fluent's tokens are checked by Fluent.
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
    );
  }

  beforeEach(() => {
    jest.useRealTimers();
  });

  it('has no axe violations while editing', async () => {
    const item = investigationItem(started);
    const { container } = renderInTab(<SectionHost item={item} section={InvestigationForm} />, {
      api: versionedCaseApi(item).api,
    });
    expect(await violations(container)).toEqual([]);
  });

  it('has none while asking about a conflict, or when read-only', async () => {
    const item = investigationItem({ ...started, whatHappened: 'Början' });
    const server = versionedCaseApi(item);
    server.othersSave(() => ({ investigation: { ...started, whatHappened: 'Deras' } }));
    const user = userEvent.setup();
    const { container } = renderInTab(<SectionHost item={item} section={InvestigationForm} />, {
      api: server.api,
    });
    const box = screen.getByRole('textbox', { name: WHAT });
    await user.clear(box);
    await user.type(box, 'Min');
    await user.tab();
    await screen.findByRole('alert');
    expect(await violations(container)).toEqual([]);

    const decided = investigationItem({ ...started, whatHappened: 'Början' }, { state: 'decided' });
    const readOnly = renderInTab(<SectionHost item={decided} section={InvestigationForm} />, {
      api: versionedCaseApi(decided).api,
    });
    expect(await violations(readOnly.container)).toEqual([]);
  });
});
