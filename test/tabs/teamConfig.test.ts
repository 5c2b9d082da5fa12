import { describe, expect, it } from '@jest/globals';
import {
  configureTeamTab,
  TEAM_TAB_ENTITY_ID,
  type SaveEvent,
  type TeamsConfigApi,
} from '../../src/tabs/teamConfig/teamConfig.js';
import { casesTabEntityId } from '../../src/graph/activityFeed.js';

/**
 * The team tab's configuration page with a fake teams-js: Save is enabled at once, and saving
 * gives Teams the tab's address, its entity id and a name in the user's language.
 */

function fakeTeams(setConfigResult: Promise<void> = Promise.resolve()) {
  const calls: string[] = [];
  let onSave: ((event: SaveEvent) => void) | undefined;
  const configs: unknown[] = [];
  const teams: TeamsConfigApi = {
    app: {
      initialize: () => {
        calls.push('initialize');
        return Promise.resolve();
      },
    },
    pages: {
      config: {
        registerOnSaveHandler: (handler) => {
          calls.push('registerOnSaveHandler');
          onSave = handler;
        },
        setConfig: (config) => {
          calls.push('setConfig');
          configs.push(config);
          return setConfigResult;
        },
        setValidityState: (valid) => {
          calls.push(`setValidityState(${String(valid)})`);
        },
      },
    },
  };
  /** Presses Save and waits for Teams to be told the outcome. */
  const save = () =>
    new Promise<string>((resolve) => {
      onSave?.({
        notifySuccess: () => {
          resolve('success');
        },
        notifyFailure: (reason) => {
          resolve(`failure: ${reason ?? ''}`);
        },
      });
    });
  return { teams, calls, configs, save };
}

const tabUrl = 'https://avvikelse.stockholm.se/tab/';

describe('the team tab configuration page', () => {
  it('initialises, registers the save handler and enables Save at once', async () => {
    const fake = fakeTeams();
    await configureTeamTab(fake.teams, tabUrl, 'sv-SE');
    expect(fake.calls).toEqual(['initialize', 'registerOnSaveHandler', 'setValidityState(true)']);
  });

  it('gives Teams the tab on Save, with the entity id deep links open', async () => {
    const fake = fakeTeams();
    await configureTeamTab(fake.teams, tabUrl, 'sv-SE');
    expect(await fake.save()).toBe('success');
    expect(fake.configs).toEqual([
      {
        entityId: TEAM_TAB_ENTITY_ID,
        contentUrl: tabUrl,
        websiteUrl: tabUrl,
        suggestedDisplayName: 'Ärenden',
      },
    ]);
    expect(TEAM_TAB_ENTITY_ID).toBe(casesTabEntityId);
  });

  it('suggests an English name to an English Teams, and reports a failed save', async () => {
    const english = fakeTeams();
    await configureTeamTab(english.teams, tabUrl, 'en-US');
    await english.save();
    expect(english.configs).toEqual([expect.objectContaining({ suggestedDisplayName: 'Cases' })]);
    const failing = fakeTeams(Promise.reject(new Error('not allowed')));
    await configureTeamTab(failing.teams, tabUrl, undefined);
    expect(await failing.save()).toBe('failure: not allowed');
  });
});
