import type { ReactNode } from 'react';
import {
  Button,
  Link,
  mergeClasses,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { deviationTypeLabels } from '../../../core/fields.js';
import { stateLabels } from '../../../core/workflow.js';
import { caseHash } from '../../app/router.js';
import { useNow } from '../../app/services.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CaseFilters } from '../CaseFilters/CaseFilters.js';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert.js';
import { DeadlineBadge } from '../DeadlineBadge/DeadlineBadge.js';
import { ProtectedMark } from '../ProtectedMark/ProtectedMark.js';
import { displayTitle } from '../ProtectedMark/useProtectedMark.js';
import type { SortableColumn } from './CaseList.types.js';
import { isFiltered } from './caseListView.js';
import { nextDeadline, rowKey } from './caseRow.js';
import { useCaseList } from './useCaseList.js';
import { useCaseListStyles } from './useCaseListStyles.styles.js';

/** Which way a column starts when first chosen: dates newest first would surprise; soonest first. */
const firstDirection: Record<SortableColumn, 'asc' | 'desc'> = {
  registrationNumber: 'asc',
  receivedAt: 'desc',
  nextDeadlineAt: 'asc',
};

/**
 * The cases the user may see: filters and search above, a sortable table, and server-side
 * pages of 50. Everything in view is in the address, so a list can be shared as a link.
 */
export function CaseList(): ReactNode {
  const { view, update, loading, page, error, retry, range, pageCount, goToPage, summaryRef } =
    useCaseList();
  const { t, locale, languageTag } = useI18n();
  const now = useNow();
  const styles = useCaseListStyles();

  const numbers = new Intl.NumberFormat(languageTag);
  const dates = new Intl.DateTimeFormat(languageTag, {
    dateStyle: locale === 'sv' ? 'short' : 'medium',
    timeZone: 'Europe/Stockholm',
  });

  const sortDirection = (column: SortableColumn) =>
    view.sort === column ? (view.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  const sortBy = (column: SortableColumn) => {
    update({
      sort: column,
      direction:
        view.sort === column ? (view.direction === 'asc' ? 'desc' : 'asc') : firstDirection[column],
    });
  };

  const summary =
    page === undefined
      ? ''
      : range === undefined
        ? t.caseList.none
        : t.caseList.showing(
            numbers.format(range.from),
            numbers.format(range.to),
            numbers.format(page.total),
          );

  return (
    <section className={styles.root} aria-labelledby="case-list-heading">
      <h1 id="case-list-heading" className={styles.heading}>
        {t.caseList.heading}
      </h1>
      <CaseFilters view={view} onChange={update} />

      {error === undefined ? null : (
        <ErrorAlert
          title={t.caseList.errorHeading}
          error={error}
          retry={{ label: t.caseList.retry, onClick: retry }}
        />
      )}

      {page === undefined ? (
        loading ? (
          <Spinner label={t.caseList.loading} />
        ) : null
      ) : (
        <>
          <div className={styles.statusBar}>
            <p ref={summaryRef} tabIndex={-1} role="status" className={styles.summary}>
              {summary}
            </p>
            {loading ? <Spinner size="tiny" label={t.caseList.refreshing} /> : null}
          </div>
          {page.items.length === 0 ? (
            <p className={styles.message}>
              {isFiltered(view) ? t.caseList.empty : t.caseList.emptyNoFilters}
            </p>
          ) : (
            <div
              className={styles.scroller}
              role="region"
              aria-label={t.caseList.scrollRegion}
              tabIndex={0}
            >
              <Table
                className={styles.table}
                aria-label={t.caseList.tableLabel}
                aria-busy={loading}
                size="small"
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell
                      sortable
                      sortDirection={sortDirection('registrationNumber')}
                      onClick={() => {
                        sortBy('registrationNumber');
                      }}
                    >
                      {t.caseList.columns.registrationNumber}
                    </TableHeaderCell>
                    <TableHeaderCell>{t.caseList.columns.title}</TableHeaderCell>
                    <TableHeaderCell>{t.caseList.columns.type}</TableHeaderCell>
                    <TableHeaderCell>{t.caseList.columns.state}</TableHeaderCell>
                    <TableHeaderCell>{t.caseList.columns.unit}</TableHeaderCell>
                    <TableHeaderCell
                      sortable
                      sortDirection={sortDirection('receivedAt')}
                      onClick={() => {
                        sortBy('receivedAt');
                      }}
                    >
                      {t.caseList.columns.receivedAt}
                    </TableHeaderCell>
                    <TableHeaderCell
                      sortable
                      sortDirection={sortDirection('nextDeadlineAt')}
                      onClick={() => {
                        sortBy('nextDeadlineAt');
                      }}
                    >
                      {t.caseList.columns.nextDeadlineAt}
                    </TableHeaderCell>
                    <TableHeaderCell>{t.caseList.columns.protection}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.items.map((item) => {
                    const record = item.case;
                    const unit = record.unit ?? undefined;
                    return (
                      <TableRow key={rowKey(item)} className={styles.row}>
                        <TableCell className={styles.cell}>
                          <Link href={caseHash(record.id)} className={styles.registrationNumber}>
                            {record.registrationNumber ?? t.caseList.notRegistered}
                          </Link>
                        </TableCell>
                        <TableCell className={mergeClasses(styles.cell, styles.title)}>
                          {displayTitle(record, t.protectedMark) ?? t.caseList.noValue}
                        </TableCell>
                        <TableCell className={styles.cell}>
                          {deviationTypeLabels[record.type][locale]}
                        </TableCell>
                        <TableCell className={styles.cell}>
                          {stateLabels[record.state][locale]}
                        </TableCell>
                        <TableCell className={styles.cell}>
                          {unit ?? <span className={styles.muted}>{t.caseList.noValue}</span>}
                        </TableCell>
                        <TableCell className={mergeClasses(styles.cell, styles.noWrap)}>
                          {record.receivedAt === undefined ? (
                            t.caseList.noValue
                          ) : (
                            <time dateTime={record.receivedAt}>
                              {dates.format(new Date(record.receivedAt))}
                            </time>
                          )}
                        </TableCell>
                        <TableCell className={styles.cell}>
                          <DeadlineBadge deadline={nextDeadline(record)} now={now} />
                        </TableCell>
                        <TableCell className={styles.cell}>
                          {record.protectedIdentity ? <ProtectedMark /> : null}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          )}
          {pageCount > 1 || view.page > 1 ? (
            <nav aria-label={t.caseList.pagination} className={styles.pager}>
              <Button
                icon={<ChevronLeftRegular />}
                disabled={view.page <= 1}
                onClick={() => {
                  goToPage(view.page - 1);
                }}
              >
                {t.caseList.previous}
              </Button>
              <Button
                icon={<ChevronRightRegular />}
                iconPosition="after"
                disabled={view.page >= pageCount}
                onClick={() => {
                  goToPage(view.page + 1);
                }}
              >
                {t.caseList.next}
              </Button>
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
