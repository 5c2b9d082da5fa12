import { useCallback, useEffect, useState } from 'react';
import type { DemoUser } from '../../api/types.js';
import type { SignInProps } from './SignIn.types.js';

type UsersState =
  | { status: 'loading' }
  | { status: 'ready'; users: DemoUser[] }
  | { status: 'failed'; error: unknown };

/** The demo-user picker's state; for other methods only the submit and its error. */
export function useSignIn({ method, onSignedIn }: SignInProps) {
  const [users, setUsers] = useState<UsersState>({ status: 'loading' });
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const demo = method.kind === 'localDemo' ? method.provider : undefined;

  useEffect(() => {
    if (demo === undefined) return undefined;
    const controller = new AbortController();
    demo.listUsers(controller.signal).then(
      (list) => {
        setUsers({ status: 'ready', users: list });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setUsers({ status: 'failed', error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [demo, attempt]);

  const submit = useCallback(async () => {
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      if (method.kind === 'localDemo') {
        if (selected === undefined) return;
        await method.provider.signIn(selected);
        onSignedIn();
      } else if (method.kind === 'microsoft') {
        // Leaves the page for Entra ID's sign-in; it comes back to the tab afterwards.
        await method.signIn();
      } else {
        method.retry();
      }
    } catch (error) {
      setSubmitError(error);
    } finally {
      setSubmitting(false);
    }
  }, [method, selected, onSignedIn]);

  const reloadUsers = useCallback(() => {
    setUsers({ status: 'loading' });
    setAttempt((count) => count + 1);
  }, []);

  return { users, selected, setSelected, submitting, submitError, submit, reloadUsers };
}
