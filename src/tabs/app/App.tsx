import { lazy, Suspense, useRef, type ReactNode } from 'react';
import { FluentProvider, Link, Spinner } from '@fluentui/react-components';
import { CaseList } from '../components/CaseList/CaseList.js';
import { AppHeader } from '../components/AppHeader/AppHeader.js';
import { SignIn } from '../components/SignIn/SignIn.js';
import type { SignInMethod } from '../components/SignIn/SignIn.types.js';
import { accessLogStrings } from '../components/AccessLog/accessLogStrings.js';
import { I18nProvider, useI18n } from '../i18n/I18nContext.js';
import { fluentTheme } from '../teams/themes.js';
import type { AppProps } from './App.types.js';
import { casesHash, type Route } from './router.js';
import { ServicesProvider } from './services.js';
import { useApp } from './useApp.js';
import { useAppStyles } from './useAppStyles.styles.js';

// The case page is its own chunk: the list, which every user opens first, does not wait for it.
const CasePage = lazy(() => import('../components/CasePage/CasePage.js'));
// So is the access log, which only the data protection officer opens.
const AccessLog = lazy(() => import('../components/AccessLog/AccessLog.js'));

function NotFound(): ReactNode {
  const { t } = useI18n();
  const styles = useAppStyles();
  return (
    <section>
      <h1 className={styles.heading}>{t.notFound.heading}</h1>
      <Link href={casesHash()}>{t.notFound.toList}</Link>
    </section>
  );
}

function Page(props: { route: Route; backHref: string }): ReactNode {
  const { t, locale } = useI18n();
  switch (props.route.name) {
    case 'cases':
      return <CaseList />;
    case 'case':
      return (
        <Suspense fallback={<Spinner label={t.casePage.loading} />}>
          <CasePage caseId={props.route.id} backHref={props.backHref} />
        </Suspense>
      );
    case 'accessLog':
      return (
        <Suspense fallback={<Spinner label={accessLogStrings[locale].loading} />}>
          <AccessLog />
        </Suspense>
      );
    case 'notFound':
      return <NotFound />;
  }
}

/**
 * The investigator tab: theme and language around everything, the header, and either the
 * sign-in or the page the address names.
 */
export function App(props: AppProps): ReactNode {
  const mainRef = useRef<HTMLElement>(null);
  const app = useApp(props, mainRef);
  const styles = useAppStyles();
  const { auth } = props;
  const method: SignInMethod =
    auth.kind === 'localDemo'
      ? { kind: 'localDemo', provider: auth.provider }
      : auth.kind === 'microsoft'
        ? { kind: 'microsoft', signIn: () => auth.provider.signIn() }
        : { kind: 'teams', retry: app.retryTeams };

  return (
    <FluentProvider theme={fluentTheme(app.theme, app.host)}>
      <I18nProvider locale={app.locale} setLocale={app.setLocale}>
        <ServicesProvider services={app.services}>
          <div className={styles.root}>
            <AppHeader
              host={app.host}
              userName={app.signedIn ? app.me?.name : undefined}
              showAccessLog={app.signedIn && app.me?.roles.includes('dpo') === true}
              theme={app.theme}
              onThemeChange={app.setTheme}
              onSignOut={app.signedIn ? app.signOut : undefined}
            />
            <main className={styles.main} ref={mainRef} tabIndex={-1}>
              {app.signedIn ? (
                <Page route={app.route} backHref={app.backHref} />
              ) : (
                <SignIn method={method} onSignedIn={app.onSignedIn} error={app.authError} />
              )}
            </main>
          </div>
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>
  );
}
