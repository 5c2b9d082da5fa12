import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CaseAccess } from '../../src/core/access.js';
import { CasePage } from '../../src/tabs/components/CasePage/CasePage.js';
import { labelOf } from '../../src/core/fields.js';
import { ApiError } from '../../src/tabs/api/client.js';
import { FakeCaseApi, caseItem, investigationItem, pageOf, versionedCaseApi } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The page around the sections: which sections a view shows, and that a save in one section
 * (a new version of the case) leaves the user where they were.
 */

const handler: CaseAccess = {
  view: 'full',
  actions: ['editInvestigation', 'addCaseLogEntry', 'addAttachment'],
};

function pageApi(found = caseItem({ state: 'underInvestigation', caseLog: [] }, handler)) {
  const api = new FakeCaseApi(() => Promise.resolve(pageOf([])), new Map([[found.case.id, found]]));
  api.script.listDocuments = () => Promise.resolve([]);
  api.script.listEvents = () => Promise.resolve([]);
  return { api, found };
}

describe('the case page', () => {
  it('starts at the heading, and keeps focus in a section when that section saves', async () => {
    const { api, found } = pageApi();
    api.script.addCaseLogEntry = (_id, entry) =>
      Promise.resolve({
        ...found.case,
        version: found.case.version + 1,
        caseLog: [
          {
            ...entry,
            id: 'e-1',
            documentedAt: '2026-11-25T12:00:00+01:00',
            signedBy: { id: 'u-investigator', name: 'Ida Berg' },
          },
        ],
      });
    const user = userEvent.setup();
    renderInTab(<CasePage caseId={found.case.id} backHref="#/cases" />, { api });

    const heading = await screen.findByRole('heading', { level: 1 });
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });

    const log = screen.getByRole('region', { name: 'Utredningslogg' });
    await user.type(within(log).getByRole('textbox', { name: /^Anteckning/ }), 'Samtal med chef.');
    await user.click(within(log).getByRole('radio', { name: 'Fakta' }));
    await user.type(within(log).getByRole('textbox', { name: /^Källa/ }), 'Samtal');
    await user.click(within(log).getByRole('button', { name: 'Spara anteckning' }));

    expect(await within(log).findByText('Anteckningen är sparad.')).toBeInTheDocument();
    // The saved case is a new version: the page shows it, and focus stays in the case log.
    expect(heading).not.toHaveFocus();
    expect(log).toContainElement(document.activeElement as HTMLElement);
  });

  it('saves the form’s last edit before a step, and takes the step on the saved version', async () => {
    const officer: CaseAccess = {
      view: 'full',
      actions: [...handler.actions, 'recordDecision', 'generateDecision'],
    };
    const item = investigationItem({ law: 'SoL', proposedDecision: 'misconduct' }, {}, officer);
    const { api, stored } = versionedCaseApi(item);
    api.script.listDocuments = () => Promise.resolve([]);
    api.script.listEvents = () => Promise.resolve([]);
    api.script.takeStep = (_id, _step, { expectedVersion }) =>
      expectedVersion === stored().version
        ? Promise.resolve({ ...stored(), state: 'decided', version: stored().version + 1 })
        : Promise.reject(new Error(`step on stale version ${String(expectedVersion)}`));
    // The save is slow: its answer arrives only after the user has confirmed the step.
    const save = api.script.updateInvestigation;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    api.script.updateInvestigation = (...args) => {
      if (save === undefined) throw new Error('versionedCaseApi scripts updateInvestigation');
      const result = save(...args);
      return answered.then(() => result);
    };
    const user = userEvent.setup();
    renderInTab(<CasePage caseId={item.case.id} backHref="#/cases" />, { api });

    const what = await screen.findByRole('textbox', { name: labelOf('whatHappened').sv });
    await user.type(what, 'Insatsen nekades utan utredning.');
    // Straight to the decision, before the typing pause has saved anything.
    await user.click(screen.getByRole('button', { name: 'Registrera beslut' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Bekräfta' }),
    );
    release();

    expect(await screen.findByText('Klart. Ärendet är nu: Beslutad.')).toBeInTheDocument();
    const order = api.calls
      .filter((call) => call.name === 'updateInvestigation' || call.name === 'takeStep')
      .map((call) => [call.name, call.args[2]]);
    expect(order).toEqual([
      ['updateInvestigation', 4],
      ['takeStep', { expectedVersion: 5 }],
    ]);
    expect(stored().investigation).toMatchObject({
      whatHappened: 'Insatsen nekades utan utredning.',
    });
  });

  it('takes no step while the form holds an edit the server refused', async () => {
    const officer: CaseAccess = { view: 'full', actions: [...handler.actions, 'recordDecision'] };
    const item = investigationItem({ proposedDecision: 'misconduct' }, {}, officer);
    const { api } = versionedCaseApi(item);
    api.script.listDocuments = () => Promise.resolve([]);
    api.script.listEvents = () => Promise.resolve([]);
    api.script.updateInvestigation = () =>
      Promise.reject(
        new ApiError('validation', 400, { sv: 'Ogiltigt.', en: 'Invalid.' }, [
          {
            field: 'investigation.whatHappened',
            message: { sv: 'Texten är för lång.', en: 'The text is too long.' },
          },
        ]),
      );
    api.script.takeStep = () => Promise.reject(new Error('no step may be taken'));
    const user = userEvent.setup();
    renderInTab(<CasePage caseId={item.case.id} backHref="#/cases" />, { api });

    await user.type(
      await screen.findByRole('textbox', { name: labelOf('whatHappened').sv }),
      'För lång text.',
    );
    await user.click(screen.getByRole('button', { name: 'Registrera beslut' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Bekräfta' }),
    );
    expect(
      await screen.findByText(/Åtgärden gjordes inte: det finns ändringar i formuläret/),
    ).toBeInTheDocument();
    expect(api.calls.map((call) => call.name)).not.toContain('takeStep');
  });

  it('does not call the user’s own step someone else’s change', async () => {
    const officer: CaseAccess = {
      view: 'full',
      actions: [...handler.actions, 'openInvestigation', 'declineInvestigation'],
    };
    const { api, found } = pageApi(caseItem({ state: 'registered', investigation: null }, officer));
    api.script.takeStep = () =>
      Promise.resolve({
        ...found.case,
        state: 'underInvestigation',
        version: found.case.version + 1,
        investigation: { startedAt: '2026-11-25T12:00:00+01:00' },
      });
    const user = userEvent.setup();
    renderInTab(<CasePage caseId={found.case.id} backHref="#/cases" />, { api });
    await user.click(await screen.findByRole('button', { name: 'Inled utredning' }));
    expect(await screen.findByText('Klart. Ärendet är nu: Under utredning.')).toBeInTheDocument();
    expect(
      await screen.findByRole('textbox', { name: labelOf('whatHappened').sv }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Uppdaterat av någon annan')).not.toBeInTheDocument();
    // The step's button went with the old state; focus continues at the section's heading.
    expect(screen.getByRole('heading', { name: 'Status och åtgärder' })).toHaveFocus();
  });

  it('shows the reporter the report and documents, not the investigation or the log', async () => {
    const { api, found } = pageApi(
      caseItem({ state: 'underInvestigation' }, { view: 'status', actions: [] }),
    );
    renderInTab(<CasePage caseId={found.case.id} backHref="#/cases" />, { api });
    await screen.findByRole('heading', { level: 1 });
    const names = screen
      .getAllByRole('heading', { level: 2 })
      .map((heading) => heading.textContent);
    expect(names).toEqual([
      'Status och åtgärder',
      'Rapporten som den lämnades',
      'Dokument och bilagor',
    ]);
  });
});
