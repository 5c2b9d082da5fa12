import { beforeEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seriousViolations } from './axe.js';
import { ApiError } from '../../src/tabs/api/client.js';
import type { AccessLogEntry, AccessLogQuery } from '../../src/tabs/api/types.js';
import { accessLogHash, parseHash } from '../../src/tabs/app/router.js';
import { AccessLog } from '../../src/tabs/components/AccessLog/AccessLog.js';
import { FakeCaseApi } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The DPO's access log page against a fake API: the reads in a table, what each read was of,
 * pages of 100, the filter by case from the address, the server's 403 for everyone else, errors.
 */

const protectedCaseId = '00000000-0000-4000-8000-0000000000aa';
const otherCaseId = '00000000-0000-4000-8000-0000000000bb';

const fourReads: AccessLogEntry[] = [
  {
    at: '2026-11-25T11:59:30+01:00',
    actorId: 'u-inv',
    actorName: 'Omar Haddad',
    caseId: protectedCaseId,
    registrationNumber: 'AMN 2026-0007-1.3',
    what: 'document:doc-7',
  },
  {
    at: '2026-11-25T11:58:00+01:00',
    actorId: 'u-inv',
    actorName: 'Omar Haddad',
    caseId: protectedCaseId,
    registrationNumber: 'AMN 2026-0007-1.3',
    what: 'documents',
  },
  {
    at: '2026-11-25T11:57:00+01:00',
    actorId: 'u-officer',
    actorName: 'Lena Sarin',
    caseId: protectedCaseId,
    registrationNumber: 'AMN 2026-0007-1.3',
    what: 'events',
  },
  {
    at: '2026-11-24T08:00:00+01:00',
    actorId: 'u-officer',
    actorName: 'Lena Sarin',
    caseId: otherCaseId,
    registrationNumber: null,
    what: 'case',
  },
];

/** `count` reads of the protected case, a minute apart, newest first from `first`. */
function reads(count: number, first = 0): AccessLogEntry[] {
  return Array.from({ length: count }, (_unused, index) => ({
    at: new Date(Date.UTC(2026, 10, 25, 10, 0) - (first + index) * 60_000).toISOString(),
    actorId: 'u-inv',
    actorName: `Läsare ${String(first + index + 1)}`,
    caseId: protectedCaseId,
    registrationNumber: 'AMN 2026-0007-1.3',
    what: 'case',
  }));
}

function fakeApi(answer: (query: AccessLogQuery) => Promise<AccessLogEntry[]>): FakeCaseApi {
  const api = new FakeCaseApi(() => Promise.reject(new Error('the access log lists no cases')));
  api.script.listAccessLog = (query) => answer(query ?? {});
  return api;
}

function queries(api: FakeCaseApi): unknown[] {
  return api.calls.filter((call) => call.name === 'listAccessLog').map((call) => call.args[0]);
}

function renderLog(api: FakeCaseApi, locale: 'sv' | 'en' = 'sv') {
  const user = userEvent.setup();
  const view = renderInTab(<AccessLog />, { api, locale });
  return { user, ...view };
}

function cellsOf(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);
}

beforeEach(() => {
  window.history.replaceState(null, '', '/tab/#/access-log');
});

describe('the access log', () => {
  it('lists every read, newest first, with time, who, registration number and what was read', async () => {
    const api = fakeApi(() => Promise.resolve(fourReads));
    renderLog(api);
    expect(screen.getByRole('heading', { level: 1, name: 'Åtkomstlogg' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();

    const table = await screen.findByRole('table', {
      name: 'Läsningar av ärenden med skyddade personuppgifter, nyast först',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Tid', 'Vem', 'Diarienummer', 'Vad som lästes']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cellsOf)).toEqual([
      ['2026-11-25 11:59:30', 'Omar Haddad', 'AMN 2026-0007-1.3', 'Ett dokument (id doc-7)'],
      ['2026-11-25 11:58:00', 'Omar Haddad', 'AMN 2026-0007-1.3', 'Dokumentlistan'],
      ['2026-11-25 11:57:00', 'Lena Sarin', 'AMN 2026-0007-1.3', 'Händelserna'],
      ['2026-11-24 08:00:00', 'Lena Sarin', 'Ej diariefört', 'Ärendet'],
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Visar läsning 1–4');
    expect(queries(api)).toEqual([{ limit: 100, offset: 0 }]);
    // Four reads are all there is: no pages to move between.
    expect(screen.queryByRole('navigation', { name: 'Sidor' })).not.toBeInTheDocument();
  });

  it('says the same in English', async () => {
    const api = fakeApi(() => Promise.resolve(fourReads));
    renderLog(api, 'en');
    const table = await screen.findByRole('table', {
      name: 'Reads of cases with protected personal data, newest first',
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Access log' })).toBeInTheDocument();
    expect(cellsOf(within(table).getAllByRole('row')[1]!)).toEqual([
      '25 Nov 2026, 11:59:30',
      'Omar Haddad',
      'AMN 2026-0007-1.3',
      'A document (id doc-7)',
    ]);
    expect(within(table).getByText('The list of documents')).toBeInTheDocument();
    expect(within(table).getByText('Not registered')).toBeInTheDocument();
  });

  it('pages through the log 100 reads at a time, the page in the address', async () => {
    const api = fakeApi((query) =>
      Promise.resolve(query.offset === 100 ? reads(40, 100) : reads(100)),
    );
    const { user } = renderLog(api);
    await screen.findByRole('table');
    expect(screen.getByRole('status')).toHaveTextContent('Visar läsning 1–100');
    const pages = screen.getByRole('navigation', { name: 'Sidor' });
    expect(within(pages).getByRole('button', { name: 'Föregående' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    await user.click(within(pages).getByRole('button', { name: 'Nästa' }));
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Visar läsning 101–140');
    });
    expect(window.location.hash).toBe('#/access-log?page=2');
    expect(screen.getByRole('status')).toHaveFocus();
    expect(screen.getByText('Läsare 101')).toBeInTheDocument();
    expect(within(pages).getByRole('button', { name: 'Nästa' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    await user.click(within(pages).getByRole('button', { name: 'Föregående' }));
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Visar läsning 1–100');
    });
    expect(queries(api)).toEqual([
      { limit: 100, offset: 0 },
      { limit: 100, offset: 100 },
      { limit: 100, offset: 0 },
    ]);
  });

  it('says so when a full last page had no more after it', async () => {
    window.history.replaceState(null, '', '/tab/#/access-log?page=2');
    const api = fakeApi(() => Promise.resolve([]));
    renderLog(api);
    expect(await screen.findByText('Det finns inga fler läsningar.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Föregående' })).not.toHaveAttribute('aria-disabled');
    expect(queries(api)).toEqual([{ limit: 100, offset: 100 }]);
  });

  it('shows one case when the address names it, and all again on request', async () => {
    window.history.replaceState(null, '', `/tab/#/access-log?caseId=${protectedCaseId}`);
    const api = fakeApi((query) =>
      Promise.resolve(
        query.caseId === undefined
          ? fourReads
          : fourReads.filter((read) => read.caseId === query.caseId),
      ),
    );
    const { user } = renderLog(api);
    await screen.findByRole('table');
    expect(screen.getByText('Visar läsningar av AMN 2026-0007-1.3.')).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(4);
    // Already filtered: the numbers are text, not links to the same view.
    expect(screen.queryByRole('link', { name: /Visa bara/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Visa alla ärenden' }));
    await waitFor(() => {
      expect(screen.getAllByRole('row')).toHaveLength(5);
    });
    expect(window.location.hash).toBe('#/access-log');
    expect(screen.getByRole('status')).toHaveFocus();
    expect(queries(api)).toEqual([
      { caseId: protectedCaseId, limit: 100, offset: 0 },
      { limit: 100, offset: 0 },
    ]);
  });

  it("narrows the log to a row's case from its registration number", async () => {
    const api = fakeApi((query) =>
      Promise.resolve(
        query.caseId === undefined
          ? fourReads
          : fourReads.filter((read) => read.caseId === query.caseId),
      ),
    );
    const { user } = renderLog(api);
    await screen.findByRole('table');
    await user.click(screen.getByRole('link', { name: 'Visa bara läsningar av Ej diariefört' }));
    await waitFor(() => {
      expect(screen.getAllByRole('row')).toHaveLength(2);
    });
    expect(window.location.hash).toBe(`#/access-log?caseId=${otherCaseId}`);
    expect(screen.getByText('Visar läsningar av ett ärende.')).toBeInTheDocument();
    expect(screen.queryAllByRole('link', { name: /Visa bara/ })).toEqual([]);
  });

  it('says so when nothing is logged', async () => {
    const api = fakeApi(() => Promise.resolve([]));
    renderLog(api);
    expect(await screen.findByText('Inga läsningar är loggade.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it("explains the server's refusal to anyone but the DPO, with nothing to retry", async () => {
    const api = fakeApi(() =>
      Promise.reject(
        new ApiError('forbidden', 403, {
          sv: 'Du har inte behörighet till detta ärende.',
          en: 'You do not have access to this case.',
        }),
      ),
    );
    renderLog(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Du har inte tillgång till åtkomstloggen');
    expect(alert).toHaveTextContent('Åtkomstloggen är bara för dataskyddsombudet.');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says what went wrong otherwise, and tries again', async () => {
    let fail = true;
    const api = fakeApi(() =>
      fail ? Promise.reject(new ApiError('network', null)) : Promise.resolve(fourReads),
    );
    const { user } = renderLog(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Åtkomstloggen kunde inte hämtas');
    expect(alert).toHaveTextContent('Servern svarar inte.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('has no serious or critical axe violations', async () => {
    const api = fakeApi(() => Promise.resolve(reads(100)));
    const { container } = renderLog(api);
    await screen.findByRole('table');
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('has an address of its own, with the case and page in its query', () => {
    expect(accessLogHash()).toBe('#/access-log');
    expect(accessLogHash(new URLSearchParams({ caseId: 'x', page: '2' }))).toBe(
      '#/access-log?caseId=x&page=2',
    );
    const route = parseHash('#/access-log?caseId=x&page=2');
    expect(route.name).toBe('accessLog');
    expect(route.name === 'accessLog' ? route.params.get('caseId') : undefined).toBe('x');
    expect(parseHash('#/access-log/').name).toBe('accessLog');
    expect(parseHash('#/access-log/x').name).toBe('notFound');
  });
});
