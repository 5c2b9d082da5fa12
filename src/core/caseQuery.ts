import type { CaseRecord } from './cases.js';
import type { CaseQuery, CaseSortKey } from './ports.js';

/**
 * The case-list query as plain functions over records, for stores that cannot run it themselves
 * (the SharePoint adapter filters what Graph's indexed columns cannot). The local adapter runs the
 * same rules in SQL; the shared contract suite holds both to one behaviour.
 */

/**
 * The text matched by list search: registration number and title, lower-cased the Swedish way.
 * A protected case is found by its registration number only: its title names the unit, and a hit
 * on the unit would tell someone who sees just the registry entry where the person is.
 */
export function caseSearchText(record: CaseRecord): string {
  const text = record.protectedIdentity
    ? (record.registrationNumber ?? '')
    : `${record.registrationNumber ?? ''} ${record.title}`;
  return text.toLocaleLowerCase('sv');
}

/** The search as matched: trimmed and lower-cased the Swedish way; empty means no search. */
export function normalisedSearch(search: string | undefined): string {
  return search?.trim().toLocaleLowerCase('sv') ?? '';
}

/** Whether the visibility part of a query lets its actor see `record` (see access.ts). */
export function visibleInList(record: CaseRecord, query: CaseQuery): boolean {
  const v = query.visibility;
  if (v.all) return true;
  if (record.reporter.id === v.reporterId) return true;
  if (record.protectedIdentity) return record.handlers.includes(v.handlerId);
  return (
    record.assignees.includes(v.handlerId) ||
    v.routedGroups.includes(record.routedGroup) ||
    v.types.includes(record.type)
  );
}

/** Whether `record` passes every filter of `query`, visibility included. */
export function matchesCaseQuery(record: CaseRecord, query: CaseQuery): boolean {
  if (!visibleInList(record, query)) return false;
  if (query.types !== undefined && query.types.length > 0 && !query.types.includes(record.type)) {
    return false;
  }
  if (
    query.states !== undefined &&
    query.states.length > 0 &&
    !query.states.includes(record.state)
  ) {
    return false;
  }
  if (query.unit !== undefined && record.unit !== query.unit) return false;
  if (query.area !== undefined && record.area !== query.area) return false;
  if (query.assignee !== undefined && !record.assignees.includes(query.assignee)) return false;
  if (query.reporterId !== undefined && record.reporter.id !== query.reporterId) return false;
  if (query.deadlineBefore !== undefined) {
    if (record.nextDeadlineAt === null) return false;
    if (!(Date.parse(record.nextDeadlineAt) < Date.parse(query.deadlineBefore))) return false;
  }
  const search = normalisedSearch(query.search);
  return search === '' || caseSearchText(record).includes(search);
}

function sortValue(record: CaseRecord, sort: CaseSortKey): number | string | null {
  switch (sort) {
    case 'receivedAt':
      return Date.parse(record.receivedAt);
    case 'updatedAt':
      return Date.parse(record.updatedAt);
    case 'nextDeadlineAt':
      return record.nextDeadlineAt === null ? null : Date.parse(record.nextDeadlineAt);
    case 'registrationNumber':
      return record.registrationNumber;
    default: {
      const unknown: never = sort;
      throw new Error(`Unknown sort key: ${String(unknown)}`);
    }
  }
}

/** A record and its place in creation order, the tie-breaker that keeps pages from overlapping. */
export interface OrderedRecord {
  record: CaseRecord;
  order: number;
}

/**
 * Filters, sorts and pages records as the local store does: cases without a deadline or number
 * last either way, ties broken by creation order in the same direction.
 */
export function applyCaseQuery(
  records: readonly OrderedRecord[],
  query: CaseQuery,
): { items: CaseRecord[]; total: number } {
  const sort = query.sort ?? 'receivedAt';
  const sign = query.direction === 'asc' ? 1 : -1;
  const matching = records
    .filter(({ record }) => matchesCaseQuery(record, query))
    .map((entry) => ({ ...entry, key: sortValue(entry.record, sort) }));
  matching.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else if (a.key !== b.key) {
      return (a.key < b.key ? -1 : 1) * sign;
    }
    return (a.order - b.order) * sign;
  });
  const offset = query.offset ?? 0;
  return {
    total: matching.length,
    items: matching.slice(offset, offset + query.limit).map((entry) => entry.record),
  };
}
