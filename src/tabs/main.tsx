import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import type { AppAuth } from './app/App.types.js';
import { LocalDemoTokenProvider } from './auth/LocalDemoTokenProvider.js';
import { MsalTokenProvider } from './auth/MsalTokenProvider.js';
import { loadTabConfig, type TabConfig } from './auth/tabConfig.js';
import { TeamsSsoTokenProvider } from './auth/TeamsSsoTokenProvider.js';
import { connectToTeams, mayBeHosted, type TeamsHost } from './teams/host.js';
import { initialBrowserTheme } from './teams/themes.js';
import { startInRoot } from './app/boot.js';
import './main.css';

/**
 * Start-up: find out whether Teams hosts the page (and tell it at once that the app loaded),
 * read the server's mode from `/tab/config.json`, choose how to sign in, and render the app.
 */

async function chooseAuth(config: TabConfig, teams: TeamsHost | null): Promise<AppAuth> {
  // Local mode signs in with demo users everywhere, Teams included (there is no tenant).
  if (config.mode === 'local') return { kind: 'localDemo', provider: new LocalDemoTokenProvider() };
  if (teams !== null) {
    return { kind: 'teams', provider: new TeamsSsoTokenProvider(teams.authentication) };
  }
  const { clientId, tenantId, apiScope } = config;
  if (clientId === undefined || tenantId === undefined || apiScope === undefined) {
    throw new Error('config.json lacks clientId, tenantId or apiScope for production sign-in');
  }
  const provider = await MsalTokenProvider.create({
    clientId,
    tenantId,
    apiScope,
    redirectUri: new URL(import.meta.env.BASE_URL, window.location.origin).href,
  });
  return { kind: 'microsoft', provider };
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Blocked storage (e.g. in a third-party frame): no remembered preferences.
    return undefined;
  }
}

async function start(rootElement: HTMLElement): Promise<void> {
  const [teams, config] = await Promise.all([
    mayBeHosted(window) ? connectToTeams().catch(() => null) : Promise.resolve(null),
    loadTabConfig(`${import.meta.env.BASE_URL}config.json`),
  ]);
  const auth = await chooseAuth(config, teams);
  const storage = safeStorage();
  createRoot(rootElement).render(
    <StrictMode>
      <App
        host={teams === null ? 'browser' : 'teams'}
        hostLocale={teams?.locale ?? navigator.language}
        initialTheme={teams?.theme ?? initialBrowserTheme(storage, window.matchMedia.bind(window))}
        {...(teams === null ? {} : { subscribeTheme: teams.onThemeChange })}
        auth={auth}
        {...(storage === undefined ? {} : { storage })}
      />
    </StrictMode>,
  );
}

startInRoot(
  start,
  'Avvikelser kunde inte starta. Ladda om sidan eller kontakta supporten. / ' +
    'Avvikelser could not start. Reload the page or contact support.',
);
