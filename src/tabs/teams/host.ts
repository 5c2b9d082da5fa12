import type { TeamsAuthentication } from '../auth/TeamsSsoTokenProvider.js';
import { themeFromTeams, type ThemeName } from './themes.js';

/**
 * Finding out whether the tab runs inside Teams, and talking to it. teams-js is loaded only when
 * the page sits in a frame or webview a host could own: imported at all, it fetches its list of
 * valid origins from Microsoft's CDN, which a plain browser tab has no reason to do (SPEC §7).
 */

/** A connected Teams host. */
export interface TeamsHost {
  /** The user's Teams locale, e.g. `sv-SE` or `en-US`. */
  locale: string | undefined;
  theme: ThemeName;
  /** Calls `handler` whenever the user switches Teams' theme. */
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
  authentication: TeamsAuthentication;
}

/** The part of teams-js used here (so tests and a plain browser never load it). */
export interface TeamsJs {
  app: {
    initialize: () => Promise<void>;
    notifyAppLoaded: () => void;
    notifySuccess: () => Promise<unknown>;
    getContext: () => Promise<{ app: { locale: string; theme: string } }>;
    registerOnThemeChangeHandler: (handler: (theme: string) => void) => void;
  };
  authentication: TeamsAuthentication;
}

/** How long to wait for a host to answer `app.initialize()` before treating the page as a browser tab. */
export const TEAMS_INIT_TIMEOUT_MS = 3000;

/**
 * Whether the page could be hosted: in a frame (Teams web and desktop), opened by a host window,
 * or in Teams mobile's webview (which injects `nativeInterface`).
 */
export function mayBeHosted(win: { self: unknown; top: unknown; opener: unknown }): boolean {
  let framed: boolean;
  try {
    framed = win.self !== win.top;
  } catch {
    // A cross-origin parent refuses access to `top`: that is a frame.
    framed = true;
  }
  return framed || win.opener !== null || 'nativeInterface' in win;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      resolve('timeout');
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Connects to Teams: initialises teams-js, tells Teams at once that the app loaded (so its
 * loading indicator goes away before data arrives), and reads locale and theme. Resolves null
 * when no host answers in time: then the page is a plain browser tab.
 */
export async function connectToTeams(
  load: () => Promise<TeamsJs> = () => import('@microsoft/teams-js'),
  timeoutMs = TEAMS_INIT_TIMEOUT_MS,
): Promise<TeamsHost | null> {
  const teams = await load();
  try {
    if ((await withTimeout(teams.app.initialize(), timeoutMs)) === 'timeout') return null;
  } catch {
    // initialize rejects when the frame's parent is not a Teams host: a browser tab after all.
    return null;
  }
  teams.app.notifyAppLoaded();
  await teams.app.notifySuccess();
  const context = await teams.app.getContext();
  return {
    locale: context.app.locale,
    theme: themeFromTeams(context.app.theme),
    onThemeChange: (handler) => {
      teams.app.registerOnThemeChangeHandler((theme) => {
        handler(themeFromTeams(theme));
      });
    },
    authentication: teams.authentication,
  };
}
