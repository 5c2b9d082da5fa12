import type { ReactNode } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
} from '@fluentui/react-components';
import { errorText } from '../../i18n/errorText.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { SignInProps } from './SignIn.types.js';
import { useSignIn } from './useSignIn.js';
import { useSignInStyles } from './useSignInStyles.styles.js';

function ErrorMessage(props: { title: string; error: unknown; action?: ReactNode }): ReactNode {
  const { t, locale } = useI18n();
  return (
    <div role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{props.title}</MessageBarTitle>
          {errorText(props.error, locale, t)}
        </MessageBarBody>
        {props.action === undefined ? null : <MessageBarActions>{props.action}</MessageBarActions>}
      </MessageBar>
    </div>
  );
}

/**
 * Signing in, when the tab has no token: local mode's demo-user picker, the Microsoft sign-in
 * button in a browser, or, inside Teams, what went wrong with single sign-on and a retry.
 */
export function SignIn(props: SignInProps): ReactNode {
  const { method } = props;
  const { t } = useI18n();
  const styles = useSignInStyles();
  const state = useSignIn(props);
  const failure = state.submitError ?? props.error;

  return (
    <section className={styles.root} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className={styles.heading}>
        {t.signIn.heading}
      </h1>
      {failure === undefined ? null : (
        <ErrorMessage
          title={method.kind === 'teams' ? t.signIn.teamsFailed : t.signIn.failed}
          error={failure}
        />
      )}
      {method.kind === 'localDemo' ? (
        <>
          <p className={styles.intro}>{t.signIn.localIntro}</p>
          {state.users.status === 'loading' ? <Spinner label={t.signIn.usersLoading} /> : null}
          {state.users.status === 'failed' ? (
            <ErrorMessage
              title={t.signIn.failed}
              error={state.users.error}
              action={<Button onClick={state.reloadUsers}>{t.signIn.retry}</Button>}
            />
          ) : null}
          {state.users.status === 'ready' ? (
            <form
              className={styles.form}
              onSubmit={(event) => {
                event.preventDefault();
                void state.submit();
              }}
            >
              <Field label={t.signIn.userLabel} required>
                <RadioGroup
                  value={state.selected ?? ''}
                  onChange={(_event, data) => {
                    state.setSelected(data.value);
                  }}
                >
                  {state.users.users.map((user) => (
                    <Radio
                      key={user.id}
                      value={user.id}
                      label={user.title === undefined ? user.name : `${user.name}, ${user.title}`}
                    />
                  ))}
                </RadioGroup>
              </Field>
              <Button
                type="submit"
                appearance="primary"
                disabled={state.selected === undefined || state.submitting}
              >
                {state.submitting ? t.signIn.submitting : t.signIn.submit}
              </Button>
            </form>
          ) : null}
        </>
      ) : (
        <>
          <p className={styles.intro}>
            {method.kind === 'microsoft' ? t.signIn.microsoftIntro : t.signIn.teamsIntro}
          </p>
          <Button
            appearance="primary"
            disabled={state.submitting}
            onClick={() => {
              void state.submit();
            }}
          >
            {method.kind === 'microsoft' ? t.signIn.microsoftSubmit : t.signIn.retry}
          </Button>
        </>
      )}
    </section>
  );
}
