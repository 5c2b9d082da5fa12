import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seriousViolations } from './axe.js';
import { ApiError, parseErrorBody } from '../../src/tabs/api/client.js';
import type { CaseListPage, CaseListQuery } from '../../src/tabs/api/types.js';
import { TYPING_DEBOUNCE_MS } from '../../src/tabs/app/useDebouncedText.js';
import { CaseList } from '../../src/tabs/components/CaseList/CaseList.js';
import { FakeCaseApi, breachItem, caseItem, overdueLexSarahItem, pageOf } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The case list against a fake API client (given through the services context, no module
 * mocked): rows, sorting, each filter, the debounced search, paging, protected cases, deadline
 * badges, the error state, English, and axe on the rendered list.
 */

const defaultQuery: CaseListQuery = {
  sort: 'receivedAt',
  direction: 'desc',
  limit: 50,
  offset: 0,
};

function threeCases(): CaseListPage {
  return pageOf([
    breachItem({ registrationNumber: 'AMN 2026-0003-1.4' }),
    overdueLexSarahItem({
      registrationNumber: 'AMN 2026-0002-1.3',
      title: 'Lex Sarah-rapport – Jobbtorg Skärholmen',
    }),
    caseItem({
      registrationNumber: 'AMN 2026-0001-1.3',
      title: 'Lex Sarah-rapport – Boendestöd Farsta',
      protectedIdentity: true,
      unit: 'Boendestöd Farsta',
      deadlines: [
        {
          kind: 'investigationTarget',
          dueAt: '2027-01-20T23:59:59+01:00',
          label: { sv: 'Målsättning för utredningen', en: 'Investigation target date' },
        },
      ],
      nextDeadlineAt: '2027-01-20T23:59:59+01:00',
    }),
  ]);
}

/** A fake answering every query with the three cases. */
function threeCaseApi(): FakeCaseApi {
  return new FakeCaseApi(() => Promise.resolve(threeCases()));
}

/** The table's body rows (the header row is the first). */
function bodyRows(): HTMLElement[] {
  return screen.getAllByRole('row').slice(1);
}

function rowOf(registrationNumber: string): HTMLElement {
  const link = screen.getByRole('link', { name: registrationNumber });
  const row = link.closest('tr');
  if (row === null) throw new Error(`no row for ${registrationNumber}`);
  return row;
}

async function renderList(api: FakeCaseApi, locale: 'sv' | 'en' = 'sv') {
  const user = userEvent.setup();
  const view = renderInTab(<CaseList />, { api, locale });
  await screen.findByRole('table');
  return { user, ...view };
}

beforeEach(() => {
  window.history.replaceState(null, '', '/tab/#/cases');
});

describe('the case list', () => {
  it('shows a labelled spinner until the first page arrives', async () => {
    let answer!: (page: CaseListPage) => void;
    const api = new FakeCaseApi(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    renderInTab(<CaseList />, { api });
    expect(screen.getByRole('progressbar', { name: 'Hämtar ärenden…' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    act(() => {
      answer(threeCases());
    });
    expect(await screen.findByRole('table', { name: 'Ärenden' })).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('renders one row per case from the API, each linking to its case', async () => {
    const api = threeCaseApi();
    await renderList(api);

    expect(api.listCalls).toEqual([defaultQuery]);
    expect(bodyRows()).toHaveLength(3);
    expect(screen.getByRole('status')).toHaveTextContent('Visar 1–3 av 3');

    const breach = rowOf('AMN 2026-0003-1.4');
    expect(
      within(breach).getByText('Personuppgiftsincident – mejl till fel mottagare'),
    ).toBeInTheDocument();
    expect(within(breach).getByText('Personuppgiftsincident')).toBeInTheDocument();
    expect(within(breach).getByText('Registrerad')).toBeInTheDocument();
    expect(within(breach).getByText('Jobbtorg Kista')).toBeInTheDocument();
    expect(within(breach).getByText('2026-11-20')).toBeInTheDocument();
  });

  it('links each registration number to the case page', async () => {
    const page = threeCases();
    const api = new FakeCaseApi(() => Promise.resolve(page));
    await renderList(api);
    for (const item of page.items) {
      expect(
        screen.getByRole('link', { name: item.case.registrationNumber ?? '' }),
      ).toHaveAttribute('href', `#/cases/${item.case.id}`);
    }
  });

  it('says how long each deadline has left: hours on the 72-hour clock, days otherwise', async () => {
    await renderList(threeCaseApi());
    expect(within(rowOf('AMN 2026-0003-1.4')).getByText('51 h kvar')).toBeInTheDocument();
    expect(within(rowOf('AMN 2026-0003-1.4')).getByText(/Anmälan till IMY/)).toBeInTheDocument();
    expect(within(rowOf('AMN 2026-0001-1.3')).getByText('56 dagar kvar')).toBeInTheDocument();
  });

  it('says in words that an overdue deadline is late, not only in red', async () => {
    await renderList(threeCaseApi());
    const late = rowOf('AMN 2026-0002-1.3');
    expect(within(late).getByText('Försenad med 12 h')).toBeInTheDocument();
  });

  it('marks protected cases, and only them, with the protected-data mark', async () => {
    await renderList(threeCaseApi());
    expect(
      within(rowOf('AMN 2026-0001-1.3')).getByText('Skyddade personuppgifter'),
    ).toBeInTheDocument();
    expect(
      within(rowOf('AMN 2026-0003-1.4')).queryByText('Skyddade personuppgifter'),
    ).not.toBeInTheDocument();
    expect(screen.getAllByText('Skyddade personuppgifter')).toHaveLength(1);
  });

  it('shows the registry view of a protected case: the placeholder title, the mark, no unit', async () => {
    const registryItem = caseItem(
      { registrationNumber: 'AMN 2026-0009-1.3', protectedIdentity: true },
      { view: 'registry', actions: ['register'] },
    );
    // What the server sends the registrar (projectCase): the title replaced, no unit, no deadlines.
    const full = registryItem.case;
    const api = new FakeCaseApi(() =>
      Promise.resolve(
        pageOf([
          {
            access: registryItem.access,
            case: {
              id: full.id,
              version: full.version,
              type: full.type,
              state: full.state,
              registrationNumber: full.registrationNumber,
              registry: full.registry,
              protectedIdentity: true,
              title: 'Skyddade personuppgifter',
              receivedAt: '2026-11-20T09:00:00+01:00',
              routedGroup: 'lexSarahOfficer',
            },
          },
        ]),
      ),
    );
    await renderList(api);
    const row = rowOf('AMN 2026-0009-1.3');
    // Once as the title the server gave, once as the mark.
    expect(within(row).getAllByText('Skyddade personuppgifter')).toHaveLength(2);
    expect(within(row).getByText('Ingen frist')).toBeInTheDocument();
  });

  it('sorts by a column when its header is clicked, and says so with aria-sort', async () => {
    const api = threeCaseApi();
    const { user } = await renderList(api);

    expect(screen.getByRole('columnheader', { name: 'Inkom' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: 'Nästa frist' })).toHaveAttribute(
      'aria-sort',
      'none',
    );

    await user.click(screen.getByRole('button', { name: 'Nästa frist' }));
    await waitFor(() => {
      expect(api.lastQuery).toMatchObject({ sort: 'nextDeadlineAt', direction: 'asc', offset: 0 });
    });
    expect(screen.getByRole('columnheader', { name: 'Nästa frist' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    expect(screen.getByRole('columnheader', { name: 'Inkom' })).toHaveAttribute(
      'aria-sort',
      'none',
    );

    await user.click(screen.getByRole('button', { name: 'Nästa frist' }));
    await waitFor(() => {
      expect(api.lastQuery).toMatchObject({ sort: 'nextDeadlineAt', direction: 'desc' });
    });
    expect(screen.getByRole('columnheader', { name: 'Nästa frist' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(window.location.hash).toBe('#/cases?sort=nextDeadlineAt&direction=desc');
  });

  it('sorts from the keyboard: the headers are buttons in the tab order', async () => {
    const api = threeCaseApi();
    const { user } = await renderList(api);
    screen.getByRole('button', { name: 'Diarienummer' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(api.lastQuery).toMatchObject({ sort: 'registrationNumber', direction: 'asc' });
    });
    await user.keyboard(' ');
    await waitFor(() => {
      expect(api.lastQuery).toMatchObject({ sort: 'registrationNumber', direction: 'desc' });
    });
  });
});

describe('the filters', () => {
  // Fluent's multiselect dropdown is a menu of checkable items (menuitemcheckbox), not a listbox.
  it('filters by type and by state (several of each)', async () => {
    const api = threeCaseApi();
    const { user } = await renderList(api);

    await user.click(screen.getByRole('combobox', { name: 'Typ' }));
    await user.click(
      await screen.findByRole('menuitemcheckbox', { name: 'Personuppgiftsincident' }),
    );
    await waitFor(() => {
      expect(api.lastQuery).toEqual({ ...defaultQuery, types: ['personalDataBreach'] });
    });
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Lex Sarah-rapport' }));
    await waitFor(() => {
      expect(api.lastQuery?.types).toEqual(['lexSarah', 'personalDataBreach']);
    });
    expect(screen.getByRole('menuitemcheckbox', { name: 'Lex Sarah-rapport' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await user.keyboard('{Escape}');
    expect(screen.getByRole('combobox', { name: 'Typ' })).toHaveTextContent(
      'Lex Sarah-rapport, Personuppgiftsincident',
    );

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Under utredning' }));
    await waitFor(() => {
      expect(api.lastQuery).toEqual({
        ...defaultQuery,
        types: ['lexSarah', 'personalDataBreach'],
        states: ['underInvestigation'],
      });
    });
    expect(window.location.hash).toBe(
      '#/cases?type=lexSarah%2CpersonalDataBreach&state=underInvestigation',
    );
  });

  it('filters by area, "assigned to me" and "overdue"', async () => {
    const api = threeCaseApi();
    const { user } = await renderList(api);

    await user.click(screen.getByRole('combobox', { name: 'Verksamhetsområde' }));
    await user.click(await screen.findByRole('option', { name: 'Jobbtorg' }));
    await waitFor(() => {
      expect(api.lastQuery).toEqual({ ...defaultQuery, area: 'jobCentre' });
    });

    await user.click(screen.getByRole('checkbox', { name: 'Tilldelade mig' }));
    await waitFor(() => {
      expect(api.lastQuery).toEqual({ ...defaultQuery, area: 'jobCentre', assignedToMe: true });
    });

    await user.click(screen.getByRole('checkbox', { name: 'Försenade' }));
    await waitFor(() => {
      expect(api.lastQuery).toEqual({
        ...defaultQuery,
        area: 'jobCentre',
        assignedToMe: true,
        overdue: true,
      });
    });

    await user.click(screen.getByRole('combobox', { name: 'Verksamhetsområde' }));
    await user.click(await screen.findByRole('option', { name: 'Alla områden' }));
    await waitFor(() => {
      expect(api.lastQuery).toEqual({ ...defaultQuery, assignedToMe: true, overdue: true });
    });
  });

  it('clears every filter at once, keeping the sort', async () => {
    window.history.replaceState(
      null,
      '',
      '/tab/#/cases?type=lexSarah&overdue=true&search=AMN&sort=registrationNumber&direction=asc',
    );
    const api = threeCaseApi();
    const { user } = await renderList(api);
    expect(screen.getByRole('searchbox', { name: 'Sök diarienummer eller rubrik' })).toHaveValue(
      'AMN',
    );

    await user.click(screen.getByRole('button', { name: 'Rensa filter' }));
    await waitFor(() => {
      expect(api.lastQuery).toEqual({
        ...defaultQuery,
        sort: 'registrationNumber',
        direction: 'asc',
      });
    });
    expect(screen.getByRole('searchbox', { name: 'Sök diarienummer eller rubrik' })).toHaveValue(
      '',
    );
    expect(screen.getByRole('checkbox', { name: 'Försenade' })).not.toBeChecked();
  });

  it('starts from the filters, sort and page in the address, so a list can be shared', async () => {
    window.history.replaceState(
      null,
      '',
      '/tab/#/cases?type=personalDataBreach&state=registered&unit=Jobbtorg%20Kista&assignedToMe=true&page=3',
    );
    const api = threeCaseApi();
    await renderList(api);
    expect(api.listCalls).toEqual([
      {
        ...defaultQuery,
        types: ['personalDataBreach'],
        states: ['registered'],
        unit: 'Jobbtorg Kista',
        assignedToMe: true,
        offset: 100,
      },
    ]);
    expect(screen.getByRole('textbox', { name: /^Enhet/ })).toHaveValue('Jobbtorg Kista');
    expect(screen.getByRole('checkbox', { name: 'Tilldelade mig' })).toBeChecked();
  });

  describe('typed filters wait for a pause in typing', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('searches once, after the pause, for the whole text', async () => {
      const api = threeCaseApi();
      const user = userEvent.setup({
        advanceTimers: (ms) => {
          jest.advanceTimersByTime(ms);
        },
      });
      renderInTab(<CaseList />, { api });
      await screen.findByRole('table');
      const calls = api.listCalls.length;

      await user.type(
        screen.getByRole('searchbox', { name: 'Sök diarienummer eller rubrik' }),
        'AMN 2026-0002',
      );
      // No request per keystroke: typing is still "going on" until the pause.
      expect(api.listCalls).toHaveLength(calls);
      act(() => {
        jest.advanceTimersByTime(TYPING_DEBOUNCE_MS);
      });
      await waitFor(() => {
        expect(api.listCalls).toHaveLength(calls + 1);
      });
      expect(api.lastQuery).toEqual({ ...defaultQuery, search: 'AMN 2026-0002' });
      expect(window.location.hash).toBe('#/cases?search=AMN+2026-0002');
    });

    it('filters by unit after the pause', async () => {
      const api = threeCaseApi();
      const user = userEvent.setup({
        advanceTimers: (ms) => {
          jest.advanceTimersByTime(ms);
        },
      });
      renderInTab(<CaseList />, { api });
      await screen.findByRole('table');
      const calls = api.listCalls.length;

      await user.type(screen.getByRole('textbox', { name: /^Enhet/ }), 'Jobbtorg Kista');
      expect(api.listCalls).toHaveLength(calls);
      act(() => {
        jest.advanceTimersByTime(TYPING_DEBOUNCE_MS);
      });
      await waitFor(() => {
        expect(api.lastQuery).toEqual({ ...defaultQuery, unit: 'Jobbtorg Kista' });
      });
      expect(api.listCalls).toHaveLength(calls + 1);
    });
  });
});

describe('paging', () => {
  function manyCases(total: number) {
    return (query: CaseListQuery) => {
      const offset = query.offset ?? 0;
      const count = Math.max(0, Math.min(50, total - offset));
      return Promise.resolve(
        pageOf(
          Array.from({ length: count }, (_, index) =>
            caseItem({
              registrationNumber: `AMN 2026-${String(offset + index + 1).padStart(4, '0')}-1.3`,
            }),
          ),
          total,
        ),
      );
    };
  }

  it('pages through the server 50 at a time and moves focus to the new range', async () => {
    const api = new FakeCaseApi(manyCases(1234));
    const { user } = await renderList(api);
    expect(screen.getByRole('status')).toHaveTextContent('Visar 1–50 av 1 234');
    expect(screen.getByRole('button', { name: 'Föregående' })).toBeDisabled();
    expect(bodyRows()).toHaveLength(50);

    await user.click(screen.getByRole('button', { name: 'Nästa' }));
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Visar 51–100 av 1 234');
    });
    expect(api.lastQuery).toEqual({ ...defaultQuery, offset: 50 });
    expect(screen.getByRole('status')).toHaveFocus();
    expect(window.location.hash).toBe('#/cases?page=2');
    expect(screen.getByRole('link', { name: 'AMN 2026-0051-1.3' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Föregående' }));
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Visar 1–50 av 1 234');
    });
    expect(api.lastQuery).toEqual(defaultQuery);
  });

  it('ends with a short last page and a disabled "next"', async () => {
    window.history.replaceState(null, '', '/tab/#/cases?page=3');
    const api = new FakeCaseApi(manyCases(120));
    await renderList(api);
    expect(screen.getByRole('status')).toHaveTextContent('Visar 101–120 av 120');
    expect(screen.getByRole('button', { name: 'Nästa' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Föregående' })).toBeEnabled();
  });

  it('goes back to the first page when a filter changes', async () => {
    window.history.replaceState(null, '', '/tab/#/cases?page=2');
    const api = new FakeCaseApi(manyCases(120));
    const { user } = await renderList(api);
    expect(api.lastQuery).toMatchObject({ offset: 50 });
    await user.click(screen.getByRole('checkbox', { name: 'Försenade' }));
    await waitFor(() => {
      expect(api.lastQuery).toEqual({ ...defaultQuery, overdue: true });
    });
  });
});

describe('empty and failed lists', () => {
  it('says when nothing matches the filters', async () => {
    window.history.replaceState(null, '', '/tab/#/cases?overdue=true');
    const api = new FakeCaseApi(() => Promise.resolve(pageOf([])));
    renderInTab(<CaseList />, { api });
    expect(await screen.findByText('Inga ärenden matchar filtren.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Visar 0 ärenden');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows the server's message in Swedish and loads again on retry", async () => {
    const failure = parseErrorBody(500, {
      error: {
        reason: 'internal',
        message: {
          sv: 'Något gick fel hos oss. Försök igen om en stund.',
          en: 'Something went wrong on our side. Please try again shortly.',
        },
      },
    });
    const api = new FakeCaseApi(() => Promise.reject(failure));
    const user = userEvent.setup();
    renderInTab(<CaseList />, { api });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Ärendena kunde inte hämtas');
    expect(alert).toHaveTextContent('Något gick fel hos oss. Försök igen om en stund.');
    expect(alert).not.toHaveTextContent('Something went wrong');

    api.respond = () => Promise.resolve(threeCases());
    await user.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.listCalls).toEqual([defaultQuery, defaultQuery]);
  });

  it('explains a network failure in its own words', async () => {
    const api = new FakeCaseApi(() => Promise.reject(new ApiError('network', null)));
    renderInTab(<CaseList />, { api });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Servern svarar inte. Kontrollera anslutningen och försök igen.',
    );
  });
});

describe('in English', () => {
  it('shows the list, its badges and marks in English', async () => {
    const api = threeCaseApi();
    await renderList(api, 'en');
    expect(screen.getByRole('heading', { level: 1, name: 'Cases' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Registration number' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1–3 of 3');
    expect(screen.getByText('51 h left')).toBeInTheDocument();
    expect(screen.getByText('Overdue by 12 h')).toBeInTheDocument();
    expect(screen.getByText('56 days left')).toBeInTheDocument();
    expect(screen.getByText('Protected personal data')).toBeInTheDocument();
    expect(screen.getAllByText('Personal data breach').length).toBeGreaterThan(0);
    expect(
      screen.getByRole('searchbox', { name: 'Search registration number or title' }),
    ).toBeInTheDocument();
  });

  it("shows the server's message in English", async () => {
    const failure = parseErrorBody(403, {
      error: {
        reason: 'forbidden',
        message: { sv: 'Du har inte behörighet.', en: 'You do not have access.' },
      },
    });
    const api = new FakeCaseApi(() => Promise.reject(failure));
    renderInTab(<CaseList />, { api, locale: 'en' });
    expect(await screen.findByRole('alert')).toHaveTextContent('You do not have access.');
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe violations in the rendered list', async () => {
    const { container } = await renderList(threeCaseApi());
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('has none in the error state either', async () => {
    const api = new FakeCaseApi(() => Promise.reject(new ApiError('network', null)));
    const { container } = renderInTab(<CaseList />, { api });
    await screen.findByRole('alert');
    expect(await seriousViolations(container)).toEqual([]);
  });
});
