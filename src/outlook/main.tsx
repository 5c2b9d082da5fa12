import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LocalDemoTokenProvider } from '../tabs/auth/LocalDemoTokenProvider.js';
import { initialBrowserTheme } from '../tabs/teams/themes.js';
import { OutlookApp } from './app/OutlookApp.js';
import type { OutlookAuth } from './app/OutlookApp.types.js';
import { NestedAppTokenProvider } from './auth/NestedAppTokenProvider.js';
import { loadOutlookConfig, type OutlookConfig } from './auth/outlookConfig.js';
import { officeWhenReady } from './office/officeHost.js';
import { startInRoot } from '../tabs/app/boot.js';
import '../tabs/main.css';

/**
 * Start-up of the task pane: wait for Office.js (absent outside Outlook), read the server's
 * settings, choose how to sign in, and render. Nothing of the e-mail leaves the pane here.
 */

async function chooseAuth(config: OutlookConfig): Promise<OutlookAuth> {
  if (config.mode === 'local') return { kind: 'localDemo', provider: new LocalDemoTokenProvider() };
  const { clientId, tenantId, apiScope } = config;
  if (clientId === undefined || tenantId === undefined || apiScope === undefined) {
    throw new Error('config.json lacks clientId, tenantId or apiScope for production sign-in');
  }
  return {
    kind: 'microsoft',
    provider: await NestedAppTokenProvider.create({ clientId, tenantId, apiScope }),
  };
}

function displayLanguage(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

async function start(rootElement: HTMLElement): Promise<void> {
  const [office, config] = await Promise.all([
    officeWhenReady(),
    loadOutlookConfig(`${import.meta.env.BASE_URL}config.json`),
  ]);
  const auth = await chooseAuth(config);
  createRoot(rootElement).render(
    <StrictMode>
      <OutlookApp
        office={office}
        ownDomains={config.ownDomains}
        auth={auth}
        hostLocale={displayLanguage(office?.context?.displayLanguage) ?? navigator.language}
        theme={initialBrowserTheme(undefined, window.matchMedia.bind(window))}
      />
    </StrictMode>,
  );
}

startInRoot(
  start,
  'Avvikelse kunde inte starta. Stäng fönstret och öppna det igen, eller kontakta supporten. / ' +
    'Avvikelse could not start. Close the pane and open it again, or contact support.',
);
