import { configureTeamTab } from './teamConfig.js';

/** Start-up of the team tab's configuration page; teams-js is loaded here only (inside Teams). */

const status = document.getElementById('config-status');
const tabUrl = new URL('./', window.location.href).href;

void import('@microsoft/teams-js')
  .then((teams) => configureTeamTab(teams, tabUrl, navigator.language))
  .catch(() => {
    // Outside Teams no host answers; the page says where it belongs instead of staying silent.
    if (status !== null) {
      status.textContent =
        'Sidan kan bara användas i Teams. / This page can only be used inside Teams.';
    }
  });
