import type { ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { errorText } from '../../i18n/errorText.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { ErrorAlertProps } from './ErrorAlert.types.js';

/**
 * A failed call, said once the same way everywhere: announced (`role="alert"`), what failed, the
 * server's own words in the user's language when it sent them, and a retry where one makes sense.
 */
export function ErrorAlert({ title, error, retry }: ErrorAlertProps): ReactNode {
  const { t, locale } = useI18n();
  return (
    <div role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {errorText(error, locale, t)}
        </MessageBarBody>
        {retry === undefined ? null : (
          <MessageBarActions>
            <Button disabledFocusable={retry.busy === true} onClick={retry.onClick}>
              {retry.label}
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}
