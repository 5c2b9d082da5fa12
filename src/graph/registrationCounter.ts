import type { RegistrationRequest } from '../core/ports.js';
import { formatRegistrationNumber } from '../core/registrationNumbers.js';
import { GraphError } from './errors.js';
import type { GraphClient } from './graphClient.js';
import {
  createItem,
  etagOf,
  fieldsFilter,
  getItem,
  itemsPath,
  listItemSchema,
  numberField,
  patchFields,
  queryItems,
  textField,
  type ListItem,
} from './listItems.js';
import { counterColumn, libraryColumn } from './registryLayout.js';

/**
 * Registration numbers from a counter list item per series and year, without duplicates or gaps,
 * across any number of processes.
 *
 * The counter item holds the last sequence AND which case took it. Taking the next number is one
 * PATCH under `If-Match`: of concurrent writers exactly one wins, the rest get 412 and read again.
 * Before taking a number, a writer makes sure the previous holder's case carries its number (the
 * holder may have crashed between the counter PATCH and its own): so a number taken is always
 * written to its case, by the holder or by the next writer — no gap. A writer that finds its own
 * case already numbered (helped, or its own earlier attempt) uses that number — no duplicate.
 */

/** Where the counters live and where the numbered cases are. */
export interface CounterLocation {
  client: GraphClient;
  siteId: string;
  counterListId: string;
  libraryListId: string;
  /** Waits between contended attempts; jittered back-off keeps racing writers apart. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Reads the counter and the case in one `$batch` (default true). */
  batching?: boolean;
}

/** The case a number is for: its id and its folder's list item in the library. */
export interface NumberedCase {
  caseId: string;
  listItemId: string;
}

/** Contended attempts before giving up (each a fresh read); 412s mean others progressed. */
const maxAttempts = 200;

function counterKey(series: string, year: number): string {
  return `${series}-${String(year)}`;
}

/** One process's view of the counters; serialises its own allocations per counter. */
export class RegistrationCounter {
  private readonly counterIds = new Map<string, string>();
  /** Per counter, the case item this process last wrote a number to, and the number. */
  private readonly lastWritten = new Map<string, { listItemId: string; number: string }>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly at: CounterLocation) {
    this.sleep =
      at.sleep ??
      ((ms) =>
        new Promise((resolve) => {
          setTimeout(resolve, ms);
        }));
    this.random = at.random ?? Math.random;
  }

  /** The last sequence taken in a series and year; 0 when none. */
  async lastSequence(series: string, year: number): Promise<number> {
    const items = await this.findCounters(counterKey(series, year));
    const canonical = items[0];
    return canonical === undefined ? 0 : (numberField(canonical, counterColumn.lastSequence) ?? 0);
  }

  /**
   * The registration number of `target`: the one it already has, or the next in the series.
   * Writes it to the case's `AvvRegistrationNumber` column before answering.
   */
  async numberFor(request: RegistrationRequest, target: NumberedCase): Promise<string> {
    const key = counterKey(request.series, request.year);
    // Within this process one allocation per counter at a time: no point racing ourselves.
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.allocate(request, key, target),
      () => this.allocate(request, key, target),
    );
    this.queues.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }

  private async allocate(
    request: RegistrationRequest,
    key: string,
    target: NumberedCase,
  ): Promise<string> {
    const counterId = await this.counterId(request, key);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      // The counter first, then the case: whoever advanced the counter past a state in which
      // this case held a number wrote that number to the case before advancing, so reading in
      // this order sees it.
      const [counter, own] = await this.readCounterAndCase(counterId, target.listItemId);
      const ownNumber = textField(own, libraryColumn.registrationNumber);
      if (ownNumber !== undefined && ownNumber !== '') return ownNumber;
      const last = numberField(counter, counterColumn.lastSequence) ?? 0;
      const holder = textField(counter, counterColumn.lastCaseId);
      const holderItem = textField(counter, counterColumn.lastCaseItemId);
      const number = (sequence: number): string =>
        formatRegistrationNumber({ ...request, sequence });
      if (holder === target.caseId) {
        // We took it before (a crash or a lost answer); finish writing it.
        await this.writeNumber(key, target.listItemId, number(last));
        return number(last);
      }
      const known = this.lastWritten.get(key);
      const holderDone =
        known !== undefined && known.listItemId === holderItem && known.number === number(last);
      if (holderItem !== undefined && holderItem !== '' && last > 0 && !holderDone) {
        await this.ensureNumbered(key, holderItem, number(last));
      }
      try {
        await patchFields(
          this.at.client,
          this.at.siteId,
          this.at.counterListId,
          counterId,
          {
            [counterColumn.lastSequence]: last + 1,
            [counterColumn.lastCaseId]: target.caseId,
            [counterColumn.lastCaseItemId]: target.listItemId,
          },
          etagOf(counter),
        );
      } catch (error) {
        if (error instanceof GraphError && error.reason === 'preconditionFailed') {
          await this.sleep(Math.min(200, 2 ** Math.min(attempt, 7)) * this.random());
          continue;
        }
        throw error;
      }
      await this.writeNumber(key, target.listItemId, number(last + 1));
      return number(last + 1);
    }
    throw new GraphError('throttled', { code: 'registrationCounterContended' });
  }

  private caseItem(listItemId: string): Promise<ListItem> {
    return getItem(this.at.client, this.at.siteId, this.at.libraryListId, listItemId);
  }

  /**
   * The counter, then the case: in that order, as one `$batch` whose second read depends on
   * the first (so Graph runs them in order), or as two requests.
   */
  private async readCounterAndCase(
    counterId: string,
    caseItemId: string,
  ): Promise<[ListItem, ListItem]> {
    if (this.at.batching === false) {
      const counter = await getItem(
        this.at.client,
        this.at.siteId,
        this.at.counterListId,
        counterId,
      );
      return [counter, await this.caseItem(caseItemId)];
    }
    const results = await this.at.client.batch([
      {
        id: 'counter',
        method: 'GET',
        url: `${itemsPath(this.at.siteId, this.at.counterListId)}/${encodeURIComponent(counterId)}?$expand=fields`,
      },
      {
        id: 'case',
        method: 'GET',
        url: `${itemsPath(this.at.siteId, this.at.libraryListId)}/${encodeURIComponent(caseItemId)}?$expand=fields`,
        dependsOn: ['counter'],
      },
    ]);
    const [counter, own] = results.map((result) => {
      if (!result.ok) throw result.error;
      const item = listItemSchema.safeParse(result.body);
      if (!item.success) {
        throw new GraphError('invalidResponse', { status: result.status }, { cause: item.error });
      }
      return item.data;
    });
    if (counter === undefined || own === undefined) {
      throw new GraphError('invalidResponse', { code: 'batchIncomplete' });
    }
    return [counter, own];
  }

  private async writeNumber(
    key: string,
    listItemId: string,
    registrationNumber: string,
  ): Promise<void> {
    // One column, no If-Match: the value is the same whoever writes it, and it must not lose
    // a race against the case's own updates (which keep the column as they found it).
    await patchFields(this.at.client, this.at.siteId, this.at.libraryListId, listItemId, {
      [libraryColumn.registrationNumber]: registrationNumber,
    });
    // Known written: the next allocation need not read this case to check.
    this.lastWritten.set(key, { listItemId, number: registrationNumber });
  }

  private async ensureNumbered(
    key: string,
    listItemId: string,
    registrationNumber: string,
  ): Promise<void> {
    const holder = await this.caseItem(listItemId);
    const current = textField(holder, libraryColumn.registrationNumber);
    if (current === undefined || current === '') {
      await this.writeNumber(key, listItemId, registrationNumber);
    }
  }

  private async findCounters(key: string): Promise<ListItem[]> {
    const items = await queryItems(
      this.at.client,
      this.at.siteId,
      this.at.counterListId,
      fieldsFilter({ [counterColumn.key]: key }),
    );
    return items.sort((a, b) => Number(a.id) - Number(b.id));
  }

  /**
   * The counter item of a series and year, created when missing. Two processes may both create
   * one; the item with the lowest id is the counter for everyone (ids only grow, so the lowest
   * never changes), and a surplus item still at 0 is deleted.
   */
  private async counterId(request: RegistrationRequest, key: string): Promise<string> {
    const known = this.counterIds.get(key);
    if (known !== undefined) return known;
    let items = await this.findCounters(key);
    if (items.length === 0) {
      await createItem(this.at.client, this.at.siteId, this.at.counterListId, {
        Title: key,
        [counterColumn.key]: key,
        [counterColumn.series]: request.series,
        [counterColumn.year]: request.year,
        [counterColumn.lastSequence]: 0,
      });
      items = await this.findCounters(key);
    }
    const [canonical, ...surplus] = items;
    if (canonical === undefined)
      throw new GraphError('invalidResponse', { code: 'counterMissing' });
    for (const extra of surplus) {
      if ((numberField(extra, counterColumn.lastSequence) ?? 0) === 0) {
        await this.deleteSurplus(extra);
      }
    }
    this.counterIds.set(key, canonical.id);
    return canonical.id;
  }

  private async deleteSurplus(item: ListItem): Promise<void> {
    try {
      await this.at.client.send({
        method: 'DELETE',
        path: `/sites/${encodeURIComponent(this.at.siteId)}/lists/${encodeURIComponent(this.at.counterListId)}/items/${encodeURIComponent(item.id)}`,
        headers: { 'If-Match': etagOf(item) },
      });
    } catch (error) {
      // Someone else deleted it or (wrongly) used it; either way it is not ours to remove now.
      if (
        error instanceof GraphError &&
        (error.reason === 'notFound' || error.reason === 'preconditionFailed')
      ) {
        return;
      }
      throw error;
    }
  }
}
