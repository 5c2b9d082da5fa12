import { describe, expect, it, jest } from '@jest/globals';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fieldLabels, labelFor, optionLabel } from '../../src/core/fields.js';
import type { Report } from '../../src/core/reports.js';
import { OutlookApp } from '../../src/outlook/app/OutlookApp.js';
import type { OutlookAuth } from '../../src/outlook/app/OutlookApp.types.js';
import { outlookStrings } from '../../src/outlook/app/outlookStrings.js';
import {
  reportPaneStrings,
  reportResultStrings,
} from '../../src/outlook/components/ReportPane/reportPaneStrings.js';
import type { OfficeNamespace } from '../../src/outlook/office/officeApi.js';
import { ApiError } from '../../src/tabs/api/client.js';
import type { VisibleCase } from '../../src/tabs/api/types.js';
import { groupEmail, jobPlanEmail, type MailFixture } from './mailFixtures.js';

/**
 * The pane in jsdom: what it says outside Outlook, and filing the job-plan e-mail as a signed-in
 * demo user through a fake API: one case for a double click, nothing lost on a failure, the
 * retry on the same idempotency key, and the result with the registration number.
 */

const s = reportPaneStrings.sv;
const now = new Date('2026-11-24T15:40:00+01:00');

/** Office.js in read mode on a fixture, as plain functions (office-addin-mock does the unit tier). */
function officeFor(fixture: MailFixture): OfficeNamespace {
  return {
    context: {
      displayLanguage: fixture.displayLanguage,
      mailbox: {
        userProfile: { emailAddress: fixture.userAddress },
        item: {
          itemType: fixture.itemType,
          subject: fixture.subject,
          dateTimeCreated: new Date(fixture.dateTimeCreated),
          to: fixture.to,
          cc: fixture.cc,
          bcc: fixture.bcc,
          attachments: fixture.attachments,
          body: {
            getAsync: (_type, callback) => {
              callback({ status: 'succeeded', value: fixture.body });
            },
          },
        },
      },
    },
    CoercionType: { Text: 'text' },
  };
}

const signedIn: OutlookAuth = {
  kind: 'localDemo',
  provider: {
    userId: 'u-reporter',
    getToken: () => Promise.resolve('token'),
    listUsers: () => Promise.resolve([]),
    signIn: () => Promise.resolve('token'),
    signOut: () => undefined,
  },
};

const filedCase = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 1,
  type: 'personalDataBreach',
  state: 'registered',
  registrationNumber: 'AMN 2026-0007-1.3',
  registry: { series: 'AMN', classification: '1.3' },
  protectedIdentity: false,
  deadlines: [
    {
      kind: 'imyNotification',
      dueAt: '2026-11-27T15:40:00+01:00',
      label: { sv: 'Anmälan till IMY', en: 'Notification to IMY' },
    },
  ],
} satisfies VisibleCase;

function renderPane(
  office: OfficeNamespace | undefined,
  fileReport: (report: Report, key: string) => Promise<VisibleCase>,
  clock: () => Date = () => now,
) {
  const keys = ['key-0001-outlook', 'key-0002-outlook'];
  return render(
    <OutlookApp
      office={office}
      ownDomains={['stockholm.se']}
      auth={signedIn}
      hostLocale="sv-SE"
      theme="light"
      now={clock}
      newKey={() => keys.shift() ?? 'no-more-keys'}
      createApi={() => ({ fileReport })}
    />,
  );
}

describe('the Outlook pane', () => {
  it('says plainly that it must be opened in Outlook when there is no Office', async () => {
    renderPane(undefined, () => Promise.reject(new Error('never called')));
    expect(await screen.findByText(outlookStrings.sv.unavailable.reasons.noOffice)).toBeVisible();
    expect(screen.queryByRole('button', { name: s.submit })).toBeNull();
  });

  it('says an appointment is not an e-mail', async () => {
    renderPane(officeFor({ ...jobPlanEmail, itemType: 'appointment' }), () =>
      Promise.reject(new Error('never called')),
    );
    expect(await screen.findByText(outlookStrings.sv.unavailable.reasons.notMessage)).toBeVisible();
  });

  it('files the job-plan e-mail once for a double click, keeping the text after a failure', async () => {
    const user = userEvent.setup();
    const calls: { report: Report; key: string }[] = [];
    let release: (value: VisibleCase) => void = () => undefined;
    const fileReport = jest.fn((report: Report, key: string) => {
      calls.push({ report, key });
      if (calls.length === 1) {
        return Promise.reject(new ApiError('network', null));
      }
      return new Promise<VisibleCase>((resolve) => {
        release = resolve;
      });
    });
    renderPane(officeFor(jobPlanEmail), fileReport);

    await user.click(await screen.findByRole('checkbox', { name: /a\.person@example\.org/ }));
    expect(screen.getByText(s.identityNumbers(1))).toBeVisible();
    await user.type(
      screen.getByRole('textbox', { name: fieldLabels['dataSubjects.categories'].sv }),
      'aspiranter',
    );
    const consequences = screen.getByRole('textbox', { name: fieldLabels.likelyConsequences.sv });
    await user.type(consequences, 'En obehörig har sett jobbplanen.');

    // A network failure: the error is announced, and nothing typed is gone.
    await user.click(screen.getByRole('button', { name: s.submit }));
    expect(await screen.findByText(s.submitFailed)).toBeVisible();
    expect(consequences).toHaveValue('En obehörig har sett jobbplanen.');

    // The retry goes out on the same key; a second click while it is under way sends nothing.
    await user.dblClick(screen.getByRole('button', { name: s.submit }));
    await waitFor(() => {
      expect(calls).toHaveLength(2);
    });
    expect(screen.getByRole('button', { name: s.submitting })).toBeVisible();
    release(filedCase);

    expect(
      await screen.findByRole('heading', { name: reportResultStrings.sv.heading }),
    ).toHaveFocus();
    expect(screen.getByText('AMN 2026-0007-1.3')).toBeVisible();
    expect(calls.map((call) => call.key)).toEqual(['key-0001-outlook', 'key-0001-outlook']);
    const report = calls[1]?.report;
    expect(report?.type).toBe('personalDataBreach');
    if (report?.type !== 'personalDataBreach') throw new Error('not a breach');
    expect(report.answers).toMatchObject({
      category: 'misdirectedEmail',
      discoveredAt: '2026-11-24T15:40:00+01:00',
      occurredAt: '2020-05-27T08:12:00.000Z',
      dataSubjects: { categories: ['aspiranter'] },
      dataCategories: ['name', 'personalIdentityNumber'],
      email: {
        subject: 'Din jobbplan',
        wrongRecipients: ['a.person@example.org'],
        externalRecipients: 1,
        attachments: [{ name: 'jobbplan.pdf', size: 48211 }],
        personalIdentityNumberCount: 1,
        bodyTruncated: false,
      },
    });
    // The body never leaves the pane.
    expect(JSON.stringify(report)).not.toContain('Hör av dig');
  });

  it('names each missing answer and moves focus to the first', async () => {
    const user = userEvent.setup();
    const fileReport = jest.fn(() => Promise.reject(new Error('must not be called')));
    renderPane(officeFor(jobPlanEmail), fileReport);
    const description = await screen.findByRole('textbox', {
      name: new RegExp(labelFor('personalDataBreach', 'description').sv.replace('?', '\\?')),
    });
    await user.clear(description);
    await user.click(screen.getByRole('button', { name: s.submit }));
    expect(description).toHaveFocus();
    expect(screen.getByText(s.checkFields)).toBeVisible();
    expect(screen.getByText(/Vilka grupper av personer berörs\?: Välj minst 1\./)).toBeVisible();
    expect(fileReport).not.toHaveBeenCalled();
  });

  it('suggests visible recipients for a group e-mail and counts the addresses', async () => {
    renderPane(officeFor(groupEmail), () => Promise.reject(new Error('never called')));
    const radio = await screen.findByRole('radio', {
      name: optionLabel('breachCategory', 'visibleRecipients').sv,
    });
    expect(radio).toBeChecked();
    expect(screen.getByText(s.recipientsVisible(13, 12))).toBeVisible();
    expect(
      screen.getByRole('spinbutton', {
        name: new RegExp(fieldLabels['dataSubjects.approxCount'].sv.replace('?', '\\?')),
      }),
    ).toHaveValue(13);
  });
  it('counts the IMY deadline down while the pane stays open', async () => {
    jest.useFakeTimers({ now });
    try {
      let current = now;
      renderPane(
        officeFor(jobPlanEmail),
        () => Promise.reject(new Error('never called')),
        () => current,
      );
      const deadline = await screen.findByRole('region', { name: s.deadlineHeading });
      expect(deadline).toHaveTextContent('72 h kvar');
      current = new Date(now.getTime() + 2 * 60 * 60 * 1000);
      await act(async () => {
        await jest.advanceTimersByTimeAsync(60_000);
      });
      expect(deadline).toHaveTextContent('70 h kvar');
    } finally {
      jest.useRealTimers();
    }
  });
});
