import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Locale } from '../../core/i18n.js';
import { ApiClient } from '../../tabs/api/client.js';
import { languageTags } from '../../tabs/i18n/I18nContext.js';
import { initialLocale } from '../../tabs/i18n/locale.js';
import { captureEmail, type CapturedEmail } from '../capture/emailCapture.js';
import { readMailItem, type MailUnavailableReason } from '../capture/mailItem.js';
import type { OutlookAppProps } from './OutlookApp.types.js';
import { outlookStrings } from './outlookStrings.js';

/** What reading the open e-mail has come to. */
export type MailState =
  | { status: 'reading' }
  | { status: 'ready'; captured: CapturedEmail }
  | { status: 'unavailable'; reason: MailUnavailableReason }
  | { status: 'failed'; error: unknown };

/**
 * The pane's state: language, the captured e-mail (read once, in the browser), sign-in, the API
 * and the one idempotency key of this report.
 */
export function useOutlookApp(props: OutlookAppProps) {
  const { office, ownDomains, auth } = props;
  // The pane remembers no language: Outlook's own decides, and the switch holds for the pane.
  const [locale, setLocale] = useState<Locale>(() => initialLocale(props.hostLocale));
  const [mail, setMail] = useState<MailState>({ status: 'reading' });
  const [attempt, setAttempt] = useState(0);
  const [signedIn, setSignedIn] = useState(() =>
    auth.kind === 'localDemo' ? auth.provider.userId !== null : auth.provider.signedIn,
  );
  const [key] = useState(() => (props.newKey ?? (() => crypto.randomUUID()))());

  useEffect(() => {
    let current = true;
    readMailItem(office).then(
      (read) => {
        if (!current) return;
        setMail(
          read.kind === 'message'
            ? { status: 'ready', captured: captureEmail(read.snapshot, ownDomains) }
            : { status: 'unavailable', reason: read.reason },
        );
      },
      (error: unknown) => {
        if (current) setMail({ status: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [office, ownDomains, attempt]);

  useEffect(() => {
    document.documentElement.lang = languageTags[locale];
    document.title = `${outlookStrings[locale].title} – Avvikelse`;
  }, [locale]);

  const createApi = props.createApi;
  const api = useMemo(() => {
    const onUnauthenticated = () => {
      setSignedIn(false);
    };
    return (
      createApi?.(auth.provider, onUnauthenticated) ??
      new ApiClient({ tokenProvider: auth.provider, onUnauthenticated })
    );
  }, [auth, createApi]);

  const retryRead = useCallback(() => {
    setMail({ status: 'reading' });
    setAttempt((n) => n + 1);
  }, []);
  const onSignedIn = useCallback(() => {
    setSignedIn(true);
  }, []);
  const toggleLocale = useCallback(() => {
    setLocale((current) => (current === 'sv' ? 'en' : 'sv'));
  }, []);

  return { locale, setLocale, toggleLocale, mail, retryRead, signedIn, onSignedIn, api, key };
}
