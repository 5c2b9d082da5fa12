import type { ReactNode } from 'react';
import { Button, Label, Link, Select } from '@fluentui/react-components';
import { SignOutRegular } from '@fluentui/react-icons';
import { accessLogHash, casesHash } from '../../app/router.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import { themeNames } from '../../teams/themes.js';
import type { AppHeaderProps } from './AppHeader.types.js';
import { appHeaderStrings } from './appHeaderStrings.js';
import { useAppHeader } from './useAppHeader.js';
import { useAppHeaderStyles } from './useAppHeaderStyles.styles.js';

/**
 * The top bar: the app's name, for the data protection officer the way between the cases and
 * the access log, who is signed in, the language, and in a browser the theme (in Teams the theme
 * follows Teams) and signing out.
 */
export function AppHeader(props: AppHeaderProps): ReactNode {
  const { host, userName, showAccessLog, theme, onThemeChange, onSignOut } = props;
  const { t } = useI18n();
  const h = useStrings(appHeaderStrings);
  const styles = useAppHeaderStyles();
  const header = useAppHeader(onThemeChange);

  return (
    <header className={styles.root}>
      <span className={styles.name}>{t.appName}</span>
      {showAccessLog ? (
        <nav aria-label={h.pages}>
          <ul className={styles.pages}>
            <li>
              <Link href={casesHash()} aria-current={header.page === 'cases' ? 'page' : undefined}>
                {h.cases}
              </Link>
            </li>
            <li>
              <Link
                href={accessLogHash()}
                aria-current={header.page === 'accessLog' ? 'page' : undefined}
              >
                {h.accessLog}
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}
      <div className={styles.tools}>
        {userName === undefined ? null : (
          <span className={styles.user}>{t.header.signedInAs(userName)}</span>
        )}
        <div className={styles.setting}>
          <Label htmlFor={header.languageId}>{t.header.language}</Label>
          <Select
            id={header.languageId}
            value={header.locale}
            onChange={(_event, data) => {
              header.onLanguage(data.value);
            }}
          >
            {header.locales.map((value) => (
              <option key={value} value={value} lang={value}>
                {t.languages[value]}
              </option>
            ))}
          </Select>
        </div>
        {host === 'browser' ? (
          <div className={styles.setting}>
            <Label htmlFor={header.themeId}>{t.header.theme}</Label>
            <Select
              id={header.themeId}
              value={theme}
              onChange={(_event, data) => {
                header.onTheme(data.value);
              }}
            >
              {themeNames.map((value) => (
                <option key={value} value={value}>
                  {t.header.themes[value]}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        {onSignOut === undefined ? null : (
          <Button appearance="subtle" icon={<SignOutRegular />} onClick={onSignOut}>
            {t.header.signOut}
          </Button>
        )}
      </div>
    </header>
  );
}
