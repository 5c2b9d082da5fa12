import { useState, type ReactElement, type ReactNode } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import type { Locale } from '../../src/core/i18n.js';
import { ServicesProvider, type CaseApi } from '../../src/tabs/app/services.js';
import { I18nProvider } from '../../src/tabs/i18n/I18nContext.js';
import { NOW } from './fixtures.js';

function Providers(props: {
  api: CaseApi;
  locale: Locale;
  now: () => Date;
  children: ReactNode;
}): ReactNode {
  const [locale, setLocale] = useState<Locale>(props.locale);
  return (
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={locale} setLocale={setLocale}>
        <ServicesProvider services={{ api: props.api, now: props.now }}>
          {props.children}
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>
  );
}

/**
 * Renders `ui` as the app would: Fluent's theme, a language, the (fake) API and a fixed clock.
 * The providers are a wrapper, so `rerender` keeps them.
 */
export function renderInTab(
  ui: ReactElement,
  options: { api: CaseApi; locale?: Locale; now?: () => Date },
): RenderResult {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Providers api={options.api} locale={options.locale ?? 'sv'} now={options.now ?? (() => NOW)}>
      {children}
    </Providers>
  );
  return render(ui, { wrapper });
}
