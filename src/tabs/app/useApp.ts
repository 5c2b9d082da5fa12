import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Locale } from '../../core/i18n.js';
import { ApiClient, ApiError } from '../api/client.js';
import type { Me } from '../api/types.js';
import { accessLogStrings } from '../components/AccessLog/accessLogStrings.js';
import { languageTags } from '../i18n/I18nContext.js';
import { initialLocale, rememberLocale } from '../i18n/locale.js';
import { strings } from '../i18n/strings.js';
import { rememberTheme, type ThemeName } from '../teams/themes.js';
import type { AppProps } from './App.types.js';
import { casesHash, useRoute } from './router.js';
import type { TabServices } from './services.js';

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can be blocked (e.g. third-party frames): preferences then last for the page.
    return undefined;
  }
}

/** Whether the session (rather than the network or the server) failed. */
function isSignInProblem(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.reason === 'signInRequired' || error.reason === 'unauthenticated')
  );
}

/** The app's state: language, theme, sign-in, the signed-in person, services, route. */
/** `mainRef`: the page's main element, focused after sign-in. */
export function useApp(props: AppProps, mainRef: RefObject<HTMLElement | null>) {
  const { auth, host, subscribeTheme } = props;
  const storage = useMemo(() => props.storage ?? defaultStorage(), [props.storage]);
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(props.hostLocale, storage));
  const [theme, setThemeState] = useState<ThemeName>(props.initialTheme);
  const [signedIn, setSignedIn] = useState<boolean>(() => {
    switch (auth.kind) {
      case 'localDemo':
        return auth.provider.userId !== null;
      case 'microsoft':
        return auth.provider.signedIn;
      case 'teams':
        return true;
    }
  });
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [authError, setAuthError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const { route, hash } = useRoute();
  // "Back" from a case returns to the list as it was left, filters and page included.
  const [backHref, setBackHref] = useState(casesHash());
  const listHash = route.name === 'cases' ? (hash === '' ? casesHash() : hash) : undefined;
  if (listHash !== undefined && listHash !== backHref) setBackHref(listHash);

  const now = props.now;
  const createApi = props.createApi;
  const services = useMemo<TabServices>(() => {
    const onUnauthenticated = () => {
      setSignedIn(false);
      setMe(undefined);
    };
    return {
      api:
        createApi?.(auth.provider, onUnauthenticated) ??
        new ApiClient({ tokenProvider: auth.provider, onUnauthenticated }),
      now: now ?? (() => new Date()),
    };
  }, [auth, createApi, now]);

  useEffect(() => {
    if (!signedIn) return undefined;
    const controller = new AbortController();
    services.api.me(controller.signal).then(
      (person) => {
        setMe(person);
        setAuthError(undefined);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A refused session goes back to signing in; other failures show in the list as well.
        if (isSignInProblem(error) || auth.kind === 'teams') {
          setSignedIn(false);
          setAuthError(error);
        }
      },
    );
    return () => {
      controller.abort();
    };
  }, [services, signedIn, auth.kind, attempt]);

  useEffect(() => {
    subscribeTheme?.(setThemeState);
  }, [subscribeTheme]);

  useEffect(() => {
    document.documentElement.lang = languageTags[locale];
  }, [locale]);

  useEffect(() => {
    const t = strings[locale];
    const page =
      route.name === 'cases'
        ? t.caseList.heading
        : route.name === 'case'
          ? t.casePage.title
          : route.name === 'accessLog'
            ? accessLogStrings[locale].heading
            : t.notFound.heading;
    document.title = `${page} – ${t.appName}`;
  }, [locale, route.name]);

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      rememberLocale(next, storage);
    },
    [storage],
  );
  const setTheme = useCallback(
    (next: ThemeName) => {
      setThemeState(next);
      rememberTheme(next, storage);
    },
    [storage],
  );
  // After signing in, the sign-in form is gone: reading and tabbing start again at the content.
  const focusMainRef = useRef(false);
  const onSignedIn = useCallback(() => {
    focusMainRef.current = true;
    setAuthError(undefined);
    setSignedIn(true);
  }, []);
  useEffect(() => {
    if (signedIn && focusMainRef.current) {
      focusMainRef.current = false;
      mainRef.current?.focus();
    }
  }, [signedIn, mainRef]);
  const retryTeams = useCallback(() => {
    setAuthError(undefined);
    setSignedIn(true);
    setAttempt((count) => count + 1);
  }, []);
  const signOut =
    auth.kind === 'teams'
      ? undefined
      : () => {
          setMe(undefined);
          setSignedIn(false);
          void auth.provider.signOut();
        };

  return {
    host,
    locale,
    setLocale,
    theme,
    setTheme,
    signedIn,
    onSignedIn,
    retryTeams,
    authError,
    me,
    services,
    route,
    backHref,
    signOut,
  };
}
