/**
 * The filing outbox over a real local store whose filings can be made to fail, as a remote
 * registry fails: transiently (try later) or for good (refused).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StoreUnavailableError, ValidationError } from '../../src/core/errors.js';
import type { CaseStore, CreateCaseCommand, CreateCaseResult } from '../../src/core/ports.js';
import { openLocalStore, type LocalStore } from '../../src/store/local/localStore.js';
import { OutboxCaseStore } from '../../src/store/outbox.js';
import { createCommand, makeCaseRecord } from '../fixtures/cases.js';
import { silentLogger } from '../graph/registryHarness.js';

/** A failure that may pass, as GraphError.transient says of throttling and outages. */
class Outage extends Error {
  readonly transient = true;
}

const isTransient = (error: unknown): boolean => error instanceof Outage;

let dir: string;
let local: LocalStore;
/** What the next filings meet: the real store, an outage, or a refusal. */
let mode: 'up' | 'down' | 'refuse';
/** Filings that reached the store. */
let reached: string[];

/** The local store, but failing as `mode` says, and holding a filing until `release`. */
function flaky(gate?: Promise<void>): CaseStore {
  return new Proxy(local, {
    get(target, property, receiver) {
      if (property === 'createCase') {
        return async (command: CreateCaseCommand): Promise<CreateCaseResult> => {
          if (gate !== undefined) await gate;
          if (mode === 'down') throw new Outage('registry down');
          if (mode === 'refuse') throw new ValidationError([]);
          reached.push(command.idempotencyKey);
          return target.createCase(command);
        };
      }
      if (property === 'getCase' && mode === 'down') {
        return () => Promise.reject(new Outage('registry down'));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

function outbox(inner: CaseStore): OutboxCaseStore {
  return new OutboxCaseStore(inner, {
    file: path.join(dir, 'outbox.sqlite'),
    isTransient,
    logger: silentLogger,
  });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-outbox-'));
  local = openLocalStore(path.join(dir, 'store'));
  mode = 'up';
  reached = [];
});

afterEach(async () => {
  await local.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the filing outbox', () => {
  it('keeps a filing through an outage and a restart, then completes it once', async () => {
    mode = 'down';
    const first = outbox(flaky());
    const record = makeCaseRecord();
    const queued = await first.createCase(createCommand(record, { key: 'outbox-key-1' }));
    expect(queued).toEqual({ record, created: true });
    expect(first.queued()).toBe(1);
    // The process ends; the queue is on disk.
    await first.close();

    mode = 'up';
    local = openLocalStore(path.join(dir, 'store'));
    const second = outbox(flaky());
    expect(await second.getCase(record.id)).toEqual(record);
    expect(await second.drain()).toEqual({ completed: 1, stillQueued: 0 });
    expect(await second.drain()).toEqual({ completed: 0, stillQueued: 0 });
    expect(reached).toEqual(['outbox-key-1']);
    expect((await second.getCase(record.id))?.registrationNumber).toBe('AMN 2026-0001-1.3');
    await second.close();
  });

  it('does not keep a filing the registry refuses', async () => {
    mode = 'refuse';
    const store = outbox(flaky());
    await expect(store.createCase(createCommand(makeCaseRecord()))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(store.queued()).toBe(0);
    await store.close();
  });

  it('says "unavailable" for a read the registry cannot answer', async () => {
    const store = outbox(flaky());
    mode = 'down';
    await expect(store.getCase('any')).rejects.toBeInstanceOf(StoreUnavailableError);
    mode = 'up';
    await store.close();
  });

  it('leaves a filing in flight to its sender, not to a drain', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store = outbox(flaky(gate));
    const filing = store.createCase(createCommand(makeCaseRecord(), { key: 'outbox-key-2' }));
    const drained = store.drain();
    release();
    await filing;
    // The drain found the filing queued (written ahead) but being sent, and left it.
    expect(await drained).toEqual({ completed: 0, stillQueued: 1 });
    expect(store.queued()).toBe(0);
    expect(reached).toEqual(['outbox-key-2']);
    await store.close();
  });
});
