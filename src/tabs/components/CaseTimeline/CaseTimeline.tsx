import { useId, type ReactNode } from 'react';
import { Spinner } from '@fluentui/react-components';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import type { CaseSectionProps } from '../CasePage/caseSection.types.js';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.js';
import { caseTimelineStrings } from './caseTimelineStrings.js';
import { timelineEntry } from './timelineEntry.js';
import { useCaseTimeline } from './useCaseTimeline.js';
import { useCaseTimelineStyles } from './useCaseTimelineStyles.styles.js';

/**
 * The case's history (SPEC §5: every transition logged with who, when, from and to): each event
 * with its time, who did it and what happened, oldest first, so it reads as the story of the
 * case in the same order as the case log above it; the page's top already says where the case
 * stands now.
 */
export function CaseTimeline(props: CaseSectionProps): ReactNode {
  const { events, loading, error, retry, headingRef } = useCaseTimeline(props);
  const s = useStrings(caseTimelineStrings);
  const { locale, languageTag } = useI18n();
  const styles = useCaseTimelineStyles();
  const headingId = useId();

  const times = new Intl.DateTimeFormat(languageTag, {
    dateStyle: locale === 'sv' ? 'short' : 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.heading}>
        {s.heading}
      </h2>
      <p className={styles.text}>{s.intro}</p>

      {error === undefined ? null : (
        // The retry stays while retrying, so a keyboard user's focus is not dropped.
        <ErrorAlert
          title={s.errorHeading}
          error={error}
          retry={{ label: loading ? s.retrying : s.retry, onClick: retry, busy: loading }}
        />
      )}

      {events === undefined ? (
        loading && error === undefined ? (
          <Spinner size="small" label={s.loading} />
        ) : null
      ) : events.length === 0 ? (
        <p className={styles.text}>{s.empty}</p>
      ) : (
        <ol className={styles.list} aria-label={s.listLabel} aria-busy={loading}>
          {events.map((stored) => {
            const entry = timelineEntry(stored, locale, s);
            return (
              <li key={entry.key} className={styles.item}>
                <p className={styles.meta}>
                  <time dateTime={entry.at}>{times.format(new Date(entry.at))}</time>
                  {' · '}
                  {entry.who}
                </p>
                <p className={styles.what}>{entry.what}</p>
                {entry.reason === undefined ? null : (
                  <p className={styles.reason}>
                    <span className={styles.reasonLabel}>{s.reason}:</span> {entry.reason}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
