/**
 * The configuration page of the team tab (the manifest's `configurableTabs`): Teams shows it when
 * the tab is added to a channel. There is nothing to choose — every member sees the cases their
 * own access allows — so the page says so, lets Teams enable Save at once, and on Save gives Teams
 * the tab's address. teams-js is injected, so tests need no Teams host.
 */

/** The tab's entity id, the same as the personal tab's (deep links open `cases`). */
export const TEAM_TAB_ENTITY_ID = 'cases';

/** The part of teams-js the page uses. */
export interface TeamsConfigApi {
  app: { initialize: () => Promise<void> };
  pages: {
    config: {
      registerOnSaveHandler: (handler: (event: SaveEvent) => void) => void;
      setConfig: (config: {
        entityId: string;
        contentUrl: string;
        websiteUrl: string;
        suggestedDisplayName: string;
      }) => Promise<void>;
      setValidityState: (valid: boolean) => void;
    };
  };
}

/** What Teams hands the Save handler. */
export interface SaveEvent {
  notifySuccess: () => void;
  notifyFailure: (reason?: string) => void;
}

/**
 * Connects to Teams and configures the tab at `tabUrl` (the tab's own address, `…/tab/`) when the
 * user saves. `locale` picks the suggested name: Swedish unless Teams speaks English.
 */
export async function configureTeamTab(
  teams: TeamsConfigApi,
  tabUrl: string,
  locale: string | undefined,
): Promise<void> {
  await teams.app.initialize();
  const english = locale?.toLowerCase().startsWith('en') === true;
  teams.pages.config.registerOnSaveHandler((event) => {
    teams.pages.config
      .setConfig({
        entityId: TEAM_TAB_ENTITY_ID,
        contentUrl: tabUrl,
        websiteUrl: tabUrl,
        suggestedDisplayName: english ? 'Cases' : 'Ärenden',
      })
      .then(
        () => {
          event.notifySuccess();
        },
        (error: unknown) => {
          event.notifyFailure(error instanceof Error ? error.message : String(error));
        },
      );
  });
  // Nothing to fill in: Save may be pressed at once.
  teams.pages.config.setValidityState(true);
}
