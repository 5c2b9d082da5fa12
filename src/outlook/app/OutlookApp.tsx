import type { ReactNode } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { SignIn } from '../../tabs/components/SignIn/SignIn.js';
import type { SignInMethod } from '../../tabs/components/SignIn/SignIn.types.js';
import { ErrorAlert } from '../../tabs/components/ErrorAlert/ErrorAlert.js';
import { I18nProvider, useStrings } from '../../tabs/i18n/I18nContext.js';
import { fluentTheme } from '../../tabs/teams/themes.js';
import { ReportPane } from '../components/ReportPane/ReportPane.js';
import type { OutlookAppProps } from './OutlookApp.types.js';
import { outlookStrings } from './outlookStrings.js';
import { useOutlookApp, type MailState } from './useOutlookApp.js';
import { useOutlookAppStyles } from './useOutlookAppStyles.styles.js';

/** The clock when none is given. */
function currentTime(): Date {
  return new Date();
}

function MailProblem({ mail, retry }: { mail: MailState; retry: () => void }): ReactNode {
  const s = useStrings(outlookStrings);
  switch (mail.status) {
    case 'reading':
      return <Spinner label={s.starting} />;
    case 'unavailable':
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.unavailable.heading}</MessageBarTitle>
            {s.unavailable.reasons[mail.reason]}
          </MessageBarBody>
        </MessageBar>
      );
    case 'failed':
      return (
        <ErrorAlert
          title={`${s.readFailed}. ${s.readFailedText}`}
          error={mail.error}
          retry={{ label: s.retry, onClick: retry }}
        />
      );
    case 'ready':
      return null;
  }
}

/**
 * The Outlook pane: reads the open e-mail, asks for sign-in when there is no session, and shows
 * the report form. Outside Outlook, or on something that is not an e-mail, it says what to do.
 */
export function OutlookApp(props: OutlookAppProps): ReactNode {
  const app = useOutlookApp(props);
  const styles = useOutlookAppStyles();
  const s = outlookStrings[app.locale];
  const { auth } = props;
  const method: SignInMethod =
    auth.kind === 'localDemo'
      ? { kind: 'localDemo', provider: auth.provider }
      : {
          kind: 'microsoft',
          signIn: async () => {
            await auth.provider.signIn();
            app.onSignedIn();
          },
        };
  return (
    <FluentProvider theme={fluentTheme(props.theme, 'browser')}>
      <I18nProvider locale={app.locale} setLocale={app.setLocale}>
        <div className={styles.root}>
          <header className={styles.header}>
            <h1 className={styles.title}>{s.title}</h1>
            <Button
              size="small"
              appearance="subtle"
              lang={app.locale === 'sv' ? 'en' : 'sv'}
              onClick={app.toggleLocale}
            >
              {s.language}
            </Button>
          </header>
          <main className={styles.main}>
            {app.mail.status !== 'ready' ? (
              <MailProblem mail={app.mail} retry={app.retryRead} />
            ) : (
              <>
                {app.signedIn ? null : <SignIn method={method} onSignedIn={app.onSignedIn} />}
                {/* Kept mounted while signing in again, so nothing typed is lost. */}
                <div hidden={!app.signedIn}>
                  <ReportPane
                    captured={app.mail.captured}
                    api={app.api}
                    now={props.now ?? currentTime}
                    idempotencyKey={app.key}
                  />
                </div>
              </>
            )}
          </main>
        </div>
      </I18nProvider>
    </FluentProvider>
  );
}
