import { useId, type ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { errorText } from '../../i18n/errorText.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import type { AutosaveNoticesProps } from './AutosaveNotices.types.js';
import { autosaveStrings } from './autosaveStrings.js';
import { useAutosaveNoticesStyles } from './useAutosaveNoticesStyles.styles.js';

/**
 * What an autosaving form tells its user: the save status in a polite live region, the fields
 * someone else changed (taken into the form), the fields both changed (an alert with both values
 * and a choice per field), refused fields the form cannot point at, and unsaved changes when the
 * case can no longer be edited. Nothing here takes focus: the user may be typing.
 */
export function AutosaveNotices(props: AutosaveNoticesProps): ReactNode {
  const { autosave, labelOf, describe, isPlaced } = props;
  const { status, collisions, updatedByOthers, issues, unsavedFields } = autosave;
  const s = useStrings(autosaveStrings);
  const { t, locale, languageTag } = useI18n();
  const styles = useAutosaveNoticesStyles();
  const baseId = useId();

  let statusText = '';
  switch (status.kind) {
    case 'idle':
    case 'pending':
    case 'locked':
      break;
    case 'saving':
      statusText = s.saving;
      break;
    case 'saved':
      statusText = s.saved(
        new Intl.DateTimeFormat(languageTag, {
          hour: '2-digit',
          minute: '2-digit',
          timeZone: 'Europe/Stockholm',
        }).format(status.at),
      );
      break;
    case 'retrying':
      statusText = s.retrying;
      break;
    case 'invalid':
      statusText = s.invalid;
      break;
    case 'failed':
      statusText = s.failed(errorText(status.error, locale, t));
      break;
    case 'conflict':
      statusText = s.conflict;
      break;
  }
  const labels = (paths: readonly string[]) => s.list(paths.map(labelOf));
  const unplaced = status.kind === 'invalid' ? issues.filter((i) => !isPlaced(i.field)) : [];
  const valueText = (path: string, value: unknown) => {
    const text = describe(path, value);
    return text === '' ? s.empty : text;
  };

  return (
    <div className={styles.root}>
      <div role="status" className={styles.status}>
        {statusText}
      </div>

      <div aria-live="polite">
        {updatedByOthers.length === 0 ? null : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{s.updatedHeading}</MessageBarTitle>
              {s.updated(labels(updatedByOthers))}
            </MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  aria-label={s.dismiss}
                  icon={<DismissRegular />}
                  onClick={autosave.dismissUpdated}
                />
              }
            />
          </MessageBar>
        )}
      </div>

      {collisions.length === 0 ? null : (
        <div role="alert">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{s.conflictHeading}</MessageBarTitle>
              <p>{s.conflictIntro}</p>
              <ul className={styles.collisions}>
                {collisions.map((collision, index) => {
                  const labelId = `${baseId}-collision-${String(index)}`;
                  return (
                    <li key={collision.path}>
                      <div role="group" aria-labelledby={labelId} className={styles.collision}>
                        <p id={labelId} className={styles.collisionLabel}>
                          {labelOf(collision.path)}
                        </p>
                        <dl className={styles.versions}>
                          <dt className={styles.term}>{s.mine}</dt>
                          <dd className={styles.value}>
                            {valueText(collision.path, collision.mine)}
                          </dd>
                          <dt className={styles.term}>{s.theirs}</dt>
                          <dd className={styles.value}>
                            {valueText(collision.path, collision.theirs)}
                          </dd>
                        </dl>
                        <div className={styles.choices}>
                          <Button
                            onClick={() => {
                              autosave.resolve(collision.path, 'mine');
                            }}
                          >
                            {s.keepMine}
                          </Button>
                          <Button
                            onClick={() => {
                              autosave.resolve(collision.path, 'theirs');
                            }}
                          >
                            {s.useTheirs}
                          </Button>
                        </div>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </MessageBarBody>
          </MessageBar>
        </div>
      )}

      {unplaced.length === 0 ? null : (
        <div role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{s.problemsHeading}</MessageBarTitle>
              <ul className={styles.list}>
                {unplaced.map((issue) => (
                  <li key={issue.field}>{issue.message[locale]}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        </div>
      )}

      {status.kind !== 'locked' || unsavedFields.length === 0 ? null : (
        <div role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{s.lockedHeading}</MessageBarTitle>
              {s.locked(labels(unsavedFields))}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
    </div>
  );
}
