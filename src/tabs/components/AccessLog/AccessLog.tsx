import type { ReactNode } from 'react';
import {
  Button,
  Link,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { ApiError } from '../../api/client.js';
import { accessLogHash } from '../../app/router.js';
import { useI18n, useStrings } from '../../i18n/I18nContext.js';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.js';
import type { ReadTarget } from './AccessLog.types.js';
import { accessLogStrings, type AccessLogStrings } from './accessLogStrings.js';
import { paramsFromView, readTarget } from './accessLogView.js';
import { useAccessLog } from './useAccessLog.js';
import { useAccessLogStyles } from './useAccessLogStyles.styles.js';

function readText(target: ReadTarget, s: AccessLogStrings): string {
  switch (target.kind) {
    case 'case':
    case 'events':
    case 'documents':
      return s.what[target.kind];
    case 'document':
      return s.what.document(target.documentId);
    case 'other':
      return target.text;
  }
}

/** Whether the server refused because the user is not the DPO (nothing to retry). */
function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.reason === 'forbidden';
}

/**
 * The data protection officer's review of who has read protected cases (SPEC §6): every read,
 * newest first, with its time, who, the case's registration number and what was read, in pages
 * of 100, for all cases or one (`?caseId=`). Others get the server's 403, shown as such.
 */
export function AccessLog(): ReactNode {
  const state = useAccessLog();
  const { view, shown, loading, error, summaryRef } = state;
  const s = useStrings(accessLogStrings);
  const { locale, languageTag } = useI18n();
  const styles = useAccessLogStyles();

  const numbers = new Intl.NumberFormat(languageTag);
  // Seconds too: an audit trail is read against other logs.
  const times = new Intl.DateTimeFormat(languageTag, {
    dateStyle: locale === 'sv' ? 'short' : 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Stockholm',
  });
  const entries = shown?.entries;
  const filteredNumber =
    shown?.caseId === view.caseId
      ? (entries?.find((entry) => entry.registrationNumber !== null)?.registrationNumber ??
        undefined)
      : undefined;
  const summary =
    shown === undefined || entries === undefined || entries.length === 0
      ? ''
      : s.showing(numbers.format(shown.offset + 1), numbers.format(shown.offset + entries.length));

  return (
    <section className={styles.root} aria-labelledby="access-log-heading">
      <h1 id="access-log-heading" className={styles.heading}>
        {s.heading}
      </h1>
      <p className={styles.text}>{s.intro}</p>

      {view.caseId === undefined ? null : (
        <p className={styles.filter}>
          <span>{s.filteredTo(filteredNumber)}</span>
          <Link
            href={accessLogHash()}
            onClick={(event) => {
              // Through the hook, so focus moves to what is shown next instead of dropping.
              event.preventDefault();
              state.showCase(undefined);
            }}
          >
            {s.showAll}
          </Link>
        </p>
      )}

      {error === undefined ? null : isForbidden(error) ? (
        <div role="alert">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{s.forbiddenHeading}</MessageBarTitle>
              {s.forbidden}
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : (
        <ErrorAlert
          title={s.errorHeading}
          error={error}
          retry={{ label: s.retry, onClick: state.retry }}
        />
      )}

      {entries === undefined ? (
        loading ? (
          <Spinner label={s.loading} />
        ) : null
      ) : (
        <>
          <div className={styles.statusBar}>
            <p ref={summaryRef} tabIndex={-1} role="status" className={styles.summary}>
              {entries.length > 0
                ? summary
                : view.page > 1
                  ? s.noMore
                  : view.caseId === undefined
                    ? s.empty
                    : s.emptyForCase}
            </p>
            {loading ? <Spinner size="tiny" label={s.refreshing} /> : null}
          </div>
          {entries.length === 0 ? null : (
            <div className={styles.scroller} role="region" aria-label={s.scrollRegion} tabIndex={0}>
              <Table
                className={styles.table}
                aria-label={s.tableLabel}
                aria-busy={loading}
                size="small"
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{s.columns.at}</TableHeaderCell>
                    <TableHeaderCell>{s.columns.actor}</TableHeaderCell>
                    <TableHeaderCell>{s.columns.registrationNumber}</TableHeaderCell>
                    <TableHeaderCell>{s.columns.what}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {entries.map((entry, index) => {
                    const number = entry.registrationNumber ?? s.notRegistered;
                    return (
                      // The log is append-only and has no ids: a row is its place in the page.
                      <TableRow key={`${String(shown?.offset ?? 0)}-${String(index)}`}>
                        <TableCell className={mergeClasses(styles.cell, styles.noWrap)}>
                          <time dateTime={entry.at}>{times.format(new Date(entry.at))}</time>
                        </TableCell>
                        <TableCell className={styles.cell}>{entry.actorName}</TableCell>
                        <TableCell className={mergeClasses(styles.cell, styles.noWrap)}>
                          {view.caseId === undefined ? (
                            <Link
                              href={accessLogHash(
                                paramsFromView({ caseId: entry.caseId, page: 1 }),
                              )}
                              aria-label={s.onlyThisCase(number)}
                              onClick={(event) => {
                                event.preventDefault();
                                state.showCase(entry.caseId);
                              }}
                            >
                              {number}
                            </Link>
                          ) : (
                            number
                          )}
                        </TableCell>
                        <TableCell className={mergeClasses(styles.cell, styles.documentId)}>
                          {readText(readTarget(entry.what), s)}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          )}
          {view.page > 1 || state.hasNext ? (
            <nav aria-label={s.pagination} className={styles.pager}>
              <Button
                icon={<ChevronLeftRegular />}
                disabledFocusable={view.page <= 1}
                onClick={() => {
                  state.goToPage(view.page - 1);
                }}
              >
                {s.previous}
              </Button>
              <Button
                icon={<ChevronRightRegular />}
                iconPosition="after"
                disabledFocusable={!state.hasNext}
                onClick={() => {
                  state.goToPage(view.page + 1);
                }}
              >
                {s.next}
              </Button>
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

export default AccessLog;
