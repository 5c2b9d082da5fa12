import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CaseAccess } from '../../src/core/access.js';
import { CasePage } from '../../src/tabs/components/CasePage/CasePage.js';
import { FakeCaseApi, caseItem, pageOf } from './fixtures.js';
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
