import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '../../src/core/errors.js';
import type { StateStore } from '../../src/core/stateStore.js';

/** How a contract run gets a fresh, empty state store of the adapter under test. */
export interface StateStoreHarness {
  store: StateStore;
  /** Frees what the harness made (folders, servers). */
  dispose(): Promise<void>;
}

/** A personal identity number in a value: it must never show up in an error. */
const secret = 'Åsa Öberg 19121212-1212';

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Checks a ValidationError names the key and tells nothing of the value. */
function expectValidationNamingKey(error: unknown, key: string): void {
  expect(error).toBeInstanceOf(ValidationError);
  const validation = error as ValidationError;
  expect(validation.issues.map((issue) => issue.field)).toEqual([key]);
  const everything = `${validation.message} ${validation.text.sv} ${JSON.stringify(validation.issues)}`;
  expect(everything).not.toContain('19121212');
  expect(everything).not.toContain('Öberg');
}

/**
 * The behaviour every StateStore adapter must show (the bot's conversation state rests on it).
 * Add a case here, not in one adapter's tests.
 */
export function runStateStoreContract(
  adapter: string,
  makeHarness: () => Promise<StateStoreHarness>,
): void {
  describe(`StateStore contract: ${adapter}`, () => {
    let harness: StateStoreHarness;
    let store: StateStore;
    beforeEach(async () => {
      harness = await makeHarness();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.dispose();
    });

    it('gives back nested JSON with Swedish letters exactly as written', async () => {
      const value = {
        draft: {
          type: 'lexSarah',
          'event.description': 'Brukaren föll i duschen på Älvgården; personalen såg ingenting.',
          answers: [
            1,
            2.5,
            -3e-7,
            null,
            true,
            false,
            'åäö ÅÄÖ é ß 🙂',
            { deep: [[{ deeper: 'ö' }]] },
          ],
        },
        dialogStack: [{ id: 'report', state: { step: 3 } }],
        empty: {},
        list: [],
      };
      const key = 'msteams/conversations/a:1Xy-åäö/conversation';
      const etags = await store.writeState([{ key, value }]);
      const read = await store.readState([key]);
      expect(read[key]?.value).toEqual(value);
      expect(read[key]?.etag).toBe(etags[key]);
    });

    it('stores any JSON value, not only objects, as its JSON round trip', async () => {
      await store.writeState([
        { key: 'string', value: 'text' },
        { key: 'number', value: 42 },
        { key: 'null', value: null },
        { key: 'array', value: [1, 'två'] },
        {
          key: 'dropped',
          value: { kept: 1, gone: undefined, when: new Date(Date.UTC(2026, 0, 2)) },
        },
      ]);
      const read = await store.readState(['string', 'number', 'null', 'array', 'dropped']);
      expect(read.string?.value).toBe('text');
      expect(read.number?.value).toBe(42);
      expect(read.null?.value).toBeNull();
      expect(read.array?.value).toEqual([1, 'två']);
      expect(read.dropped?.value).toStrictEqual({ kept: 1, when: '2026-01-02T00:00:00.000Z' });
    });

    it('leaves absent keys out of what it reads', async () => {
      await store.writeState([{ key: 'here', value: { a: 1 } }]);
      const read = await store.readState(['here', 'not-here', 'here']);
      expect(Object.keys(read)).toEqual(['here']);
      expect(await store.readState([])).toEqual({});
      expect(await store.readState(['nothing'])).toEqual({});
    });

    it('tells keys apart exactly, case included', async () => {
      await store.writeState([
        { key: 'Conv/A', value: 'upper' },
        { key: 'conv/a', value: 'lower' },
      ]);
      const read = await store.readState(['Conv/A', 'conv/a', 'CONV/A']);
      expect(read['Conv/A']?.value).toBe('upper');
      expect(read['conv/a']?.value).toBe('lower');
      expect(read['CONV/A']).toBeUndefined();
    });

    it('writes unconditionally without an expected etag or with *', async () => {
      await store.writeState([{ key: 'k', value: 1 }]);
      await store.writeState([{ key: 'k', value: 2 }]);
      expect((await store.readState(['k'])).k?.value).toBe(2);
      await store.writeState([{ key: 'k', value: 3, expectedEtag: '*' }]);
      expect((await store.readState(['k'])).k?.value).toBe(3);
      await store.writeState([{ key: 'new-with-star', value: 4, expectedEtag: '*' }]);
      expect((await store.readState(['new-with-star']))['new-with-star']?.value).toBe(4);
    });

    it('writes on the etag that was read', async () => {
      const first = await store.writeState([{ key: 'k', value: { step: 1 } }]);
      const read = await store.readState(['k']);
      expect(read.k?.etag).toBe(first.k);
      const second = await store.writeState([
        { key: 'k', value: { step: 2 }, expectedEtag: read.k?.etag ?? 'missing' },
      ]);
      const again = await store.readState(['k']);
      expect(again.k).toEqual({ value: { step: 2 }, etag: second.k });
    });

    it('refuses a stale etag with ConflictError and changes nothing', async () => {
      const first = await store.writeState([{ key: 'k', value: 'first' }]);
      const second = await store.writeState([
        { key: 'k', value: 'second', expectedEtag: first.k ?? 'missing' },
      ]);
      await expect(
        store.writeState([{ key: 'k', value: 'stale', expectedEtag: first.k ?? 'missing' }]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.readState(['k'])).k).toEqual({ value: 'second', etag: second.k });
    });

    it('refuses an expected etag for a key that does not exist', async () => {
      await expect(
        store.writeState([{ key: 'never', value: 1, expectedEtag: 'some-etag' }]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await store.readState(['never'])).toEqual({});
    });

    it('creates only when asked to with a null expected etag', async () => {
      const created = await store.writeState([{ key: 'k', value: 'mine', expectedEtag: null }]);
      await expect(
        store.writeState([{ key: 'k', value: 'theirs', expectedEtag: null }]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.readState(['k'])).k).toEqual({ value: 'mine', etag: created.k });
    });

    it('writes a batch entirely or not at all', async () => {
      const old = await store.writeState([
        { key: 'a', value: 'a0' },
        { key: 'b', value: 'b0' },
      ]);
      await store.writeState([{ key: 'b', value: 'b1' }]);
      const error = await rejection(
        store.writeState([
          { key: 'a', value: 'a1', expectedEtag: old.a ?? 'missing' },
          { key: 'b', value: 'b2', expectedEtag: old.b ?? 'missing' },
          { key: 'c', value: 'c1' },
        ]),
      );
      expect(error).toBeInstanceOf(ConflictError);
      const read = await store.readState(['a', 'b', 'c']);
      expect(read.a).toEqual({ value: 'a0', etag: old.a });
      expect(read.b?.value).toBe('b1');
      expect(read.c).toBeUndefined();

      const etags = await store.writeState([
        { key: 'a', value: 'a1', expectedEtag: old.a ?? 'missing' },
        { key: 'b', value: 'b2', expectedEtag: read.b?.etag ?? 'missing' },
        { key: 'c', value: 'c1', expectedEtag: null },
      ]);
      expect(Object.keys(etags).sort()).toEqual(['a', 'b', 'c']);
      const after = await store.readState(['a', 'b', 'c']);
      expect([after.a?.value, after.b?.value, after.c?.value]).toEqual(['a1', 'b2', 'c1']);
    });

    it('refuses a batch that names one key twice', async () => {
      const error = await rejection(
        store.writeState([
          { key: 'twice', value: 1 },
          { key: 'twice', value: 2 },
        ]),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(await store.readState(['twice'])).toEqual({});
    });

    it('changes the etag on every write, the same value included', async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 5; i += 1) {
        const etags = await store.writeState([{ key: 'k', value: { same: true } }]);
        const etag = etags.k;
        expect(typeof etag).toBe('string');
        seen.add(etag ?? '');
      }
      const other = await store.writeState([{ key: 'other', value: { same: true } }]);
      seen.add(other.other ?? '');
      expect(seen.size).toBe(6);
    });

    it('deletes keys, absent ones without complaint', async () => {
      const etags = await store.writeState([
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
      ]);
      await store.deleteState(['a', 'no-such-key']);
      await store.deleteState([]);
      const read = await store.readState(['a', 'b']);
      expect(Object.keys(read)).toEqual(['b']);
      // A writer that read `a` before the delete must not bring it back by accident.
      await expect(
        store.writeState([{ key: 'a', value: 'revived', expectedEtag: etags.a ?? 'missing' }]),
      ).rejects.toBeInstanceOf(ConflictError);
      const recreated = await store.writeState([{ key: 'a', value: 'new' }]);
      expect(recreated.a).not.toBe(etags.a);
    });

    it('accepts values up to 1 MiB of UTF-8 JSON and refuses larger ones', async () => {
      const limit = 1024 * 1024;
      // 'ö' is two bytes in UTF-8, so the limit is in bytes, not characters.
      const fits = `${'ö'.repeat((limit - 2) / 2 - 1)}ab`;
      expect(Buffer.byteLength(JSON.stringify(fits), 'utf8')).toBe(limit);
      await store.writeState([{ key: 'big', value: fits }]);
      expect((await store.readState(['big'])).big?.value).toBe(fits);

      const tooBig = `${fits}a`;
      const error = await rejection(
        store.writeState([{ key: 'too-big', value: { note: secret, text: tooBig } }]),
      );
      expectValidationNamingKey(error, 'too-big');
      expect(await store.readState(['too-big'])).toEqual({});
    });

    it('refuses values that are not JSON, naming the key and not the value', async () => {
      const cycle: Record<string, unknown> = { note: secret };
      cycle.self = cycle;
      const values: [string, unknown][] = [
        ['function', () => secret],
        ['nested-function', { note: secret, callback: () => 1 }],
        ['bigint', { note: secret, amount: 12n }],
        ['cycle', cycle],
        ['symbol', { note: secret, tag: Symbol('x') }],
        ['undefined', undefined],
      ];
      for (const [key, value] of values) {
        const error = await rejection(store.writeState([{ key, value }]));
        expectValidationNamingKey(error, key);
      }
      expect(await store.readState(values.map(([key]) => key))).toEqual({});
    });

    it('refuses a bad value in a batch without writing the good ones', async () => {
      const error = await rejection(
        store.writeState([
          { key: 'good', value: 1 },
          { key: 'bad', value: 1n },
        ]),
      );
      expectValidationNamingKey(error, 'bad');
      expect(await store.readState(['good', 'bad'])).toEqual({});
    });

    it('takes keys of up to 1,000 characters and refuses empty or longer ones', async () => {
      const longest = `msteams/conversations/${'x'.repeat(1000 - 22)}`;
      expect(longest).toHaveLength(1000);
      await store.writeState([{ key: longest, value: 'ok' }]);
      expect((await store.readState([longest]))[longest]?.value).toBe('ok');
      await expect(store.writeState([{ key: `${longest}y`, value: 1 }])).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(store.writeState([{ key: '', value: 1 }])).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(store.readState([''])).rejects.toBeInstanceOf(ValidationError);
      await expect(store.deleteState([`${longest}y`])).rejects.toBeInstanceOf(ValidationError);
    });

    it('lets exactly one of 50 concurrent writers on one etag win', async () => {
      const start = await store.writeState([{ key: 'race', value: { writer: -1 } }]);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, writer) =>
          store.writeState([
            { key: 'race', value: { writer }, expectedEtag: start.race ?? 'missing' },
          ]),
        ),
      );
      const won = results.flatMap((result, writer) =>
        result.status === 'fulfilled' ? [{ writer, etag: result.value.race }] : [],
      );
      const lost = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason as unknown] : [],
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const reason of lost) expect(reason).toBeInstanceOf(ConflictError);
      expect((await store.readState(['race'])).race).toEqual({
        value: { writer: won[0]?.writer },
        etag: won[0]?.etag,
      });
    });

    it('lets exactly one of 50 concurrent creators of one key win', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, writer) =>
          store.writeState([{ key: 'new', value: { writer }, expectedEtag: null }]),
        ),
      );
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason as unknown] : [],
      );
      expect(won).toHaveLength(1);
      for (const reason of lost) expect(reason).toBeInstanceOf(ConflictError);
      expect(lost).toHaveLength(49);
    });
  });
}
