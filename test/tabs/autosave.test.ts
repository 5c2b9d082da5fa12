import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { CaseAccess } from '../../src/core/access.js';
import { ApiError } from '../../src/tabs/api/client.js';
import type { Investigation, VisibleCase } from '../../src/tabs/api/types.js';
import {
  AutosaveController,
  isRetryable,
  retryDelayMs,
} from '../../src/tabs/components/useAutosave/autosaveController.js';
import {
  instantFromLocal,
  localDateOf,
  localDateTimeOf,
} from '../../src/tabs/components/useAutosave/stockholmTime.js';
import {
  changedPaths,
  mergeThreeWay,
  normalise,
  sameValue,
  valueAt,
  withValueAt,
  withoutEmpty,
} from '../../src/tabs/components/useAutosave/threeWayMerge.js';
import { NOW, investigationItem, versionedCaseApi } from './fixtures.js';

/**
 * The pure parts of autosave: the three-way merge (field by field, nested root causes, the
 * investigators list as one field), the comparisons it rests on, Stockholm dates for the API,
 * the retry policy, and the controller's handling of a case that can no longer be edited and of
 * a collision that outlives a second conflict.
 */

describe('mergeThreeWay', () => {
  const base: Investigation = {
    law: 'SoL',
    whatHappened: 'Början',
    rootCauses: { routines: { applies: true, text: 'Rutin saknas' } },
    investigators: [{ name: 'Anna Berg' }],
  };

  it('keeps the fields only I changed and takes the fields only they changed', () => {
    const mine = { ...base, howNoticed: 'Vid uppföljning' };
    const theirs = { ...base, whatHappened: 'Deras text', law: 'LSS' as const };
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.merged).toEqual({
      ...base,
      howNoticed: 'Vid uppföljning',
      whatHappened: 'Deras text',
      law: 'LSS',
    });
    expect(result.takenFromTheirs.sort()).toEqual(['law', 'whatHappened']);
    expect(result.collisions).toEqual([]);
  });

  it('reports a field both changed differently, keeping mine in the form until chosen', () => {
    const result = mergeThreeWay(
      base,
      { ...base, whatHappened: 'Min' },
      { ...base, whatHappened: 'Deras' },
    );
    expect(result.collisions).toEqual([
      { path: 'whatHappened', base: 'Början', mine: 'Min', theirs: 'Deras' },
    ]);
    expect(result.merged.whatHappened).toBe('Min');
    expect(result.takenFromTheirs).toEqual([]);
  });

  it('sees no collision when both made the same change', () => {
    const result = mergeThreeWay(base, { ...base, law: 'LSS' }, { ...base, law: 'LSS' });
    expect(result.collisions).toEqual([]);
    expect(result.takenFromTheirs).toEqual([]);
    expect(result.merged.law).toBe('LSS');
  });

  it('merges root causes per cause and per part: ticking one and describing another do not collide', () => {
    const mine: Investigation = {
      ...base,
      rootCauses: { ...base.rootCauses, communication: { applies: true } },
    };
    const theirs: Investigation = {
      ...base,
      rootCauses: { routines: { applies: true, text: 'Rutin saknas för helger' } },
    };
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.collisions).toEqual([]);
    expect(result.merged.rootCauses).toEqual({
      routines: { applies: true, text: 'Rutin saknas för helger' },
      communication: { applies: true },
    });
    expect(result.takenFromTheirs).toEqual(['rootCauses.routines.text']);
  });

  it('names a nested collision by its dotted path', () => {
    const result = mergeThreeWay(
      base,
      { ...base, rootCauses: { routines: { applies: true, text: 'Min' } } },
      { ...base, rootCauses: { routines: { applies: false, text: 'Deras' } } },
    );
    expect(result.collisions.map((c) => c.path)).toEqual(['rootCauses.routines.text']);
    expect(result.takenFromTheirs).toEqual(['rootCauses.routines.applies']);
    expect(result.merged.rootCauses?.routines).toEqual({ applies: false, text: 'Min' });
  });

  it('treats the investigators list as one field: two different additions collide', () => {
    const mine = { ...base, investigators: [{ name: 'Anna Berg' }, { name: 'Karl Ek' }] };
    const theirs = { ...base, investigators: [{ name: 'Anna Berg' }, { name: 'Eva Lund' }] };
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.collisions).toEqual([
      {
        path: 'investigators',
        base: base.investigators,
        mine: mine.investigators,
        theirs: theirs.investigators,
      },
    ]);
  });

  it('takes their whole list when only they changed it', () => {
    const theirs = { ...base, investigators: [{ name: 'Eva Lund', title: 'Utredare' }] };
    const result = mergeThreeWay(base, base, theirs);
    expect(result.merged.investigators).toEqual([{ name: 'Eva Lund', title: 'Utredare' }]);
    expect(result.takenFromTheirs).toEqual(['investigators']);
  });

  it('merges fields that did not exist in the base (a first save by both)', () => {
    const result = mergeThreeWay<Investigation>(
      {},
      { rootCauses: { other: { applies: true } } },
      { proposedDecision: 'misconduct' },
    );
    expect(result.merged).toEqual({
      rootCauses: { other: { applies: true } },
      proposedDecision: 'misconduct',
    });
    expect(result.collisions).toEqual([]);
  });

  it('does not count what the server trims away as a change of mine', () => {
    const mine = { ...base, whatHappened: 'Början ' };
    const theirs = { ...base, whatHappened: 'Deras' };
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.collisions).toEqual([]);
    expect(result.merged.whatHappened).toBe('Deras');
  });

  it('sees an emptied field as a change (nothing is dropped because it is empty)', () => {
    const result = mergeThreeWay(
      base,
      { ...base, whatHappened: '' },
      { ...base, whatHappened: 'Deras' },
    );
    expect(result.collisions.map((c) => c.path)).toEqual(['whatHappened']);
  });
});

describe('the merge helpers', () => {
  it('normalises as the server stores: trimmed, empty left out, keys in order', () => {
    expect(normalise({ b: ' x ', a: '', c: [], d: {}, e: { f: undefined } })).toEqual({ b: 'x' });
    expect(sameValue({ a: 'x ' }, { a: 'x' })).toBe(true);
    expect(sameValue({ a: '' }, {})).toBe(true);
    expect(sameValue([{ name: 'A' }], [{ name: 'B' }])).toBe(false);
    expect(sameValue(false, undefined)).toBe(false);
  });

  it('reads and writes dotted paths without touching the original', () => {
    const tree = { rootCauses: { routines: { applies: true } } };
    const changed = withValueAt(tree, 'rootCauses.routines.text', 'Ny');
    expect(valueAt(changed, 'rootCauses.routines.text')).toBe('Ny');
    expect(tree.rootCauses.routines).toEqual({ applies: true });
    expect(withValueAt(changed, 'rootCauses.routines.text', undefined)).toEqual(tree);
    expect(valueAt(tree, 'rootCauses.nothing.text')).toBeUndefined();
  });

  it('sends no empty text or empty objects, but never trims what the user typed', () => {
    expect(withoutEmpty({ a: '', b: 'x ', c: { d: '' }, e: [{ name: 'A', title: '' }] })).toEqual({
      b: 'x ',
      e: [{ name: 'A' }],
    });
  });

  it('lists the fields that differ', () => {
    expect(
      changedPaths(
        { law: 'SoL', rootCauses: { other: { applies: true } } },
        { law: 'SoL', rootCauses: { other: { applies: false } }, board: 'Nämnden' },
      ).sort(),
    ).toEqual(['board', 'rootCauses.other.applies']);
  });
});

describe('Stockholm dates for the API', () => {
  it('gives a date the offset Stockholm has that day', () => {
    expect(instantFromLocal('2026-11-25')).toBe('2026-11-25T00:00:00+01:00');
    expect(instantFromLocal('2026-07-01')).toBe('2026-07-01T00:00:00+02:00');
  });

  it('gives a date and time the offset on each side of the DST changes', () => {
    // 2026: summer time from 29 March 02:00, winter time from 25 October 03:00.
    expect(instantFromLocal('2026-03-29T01:30')).toBe('2026-03-29T01:30:00+01:00');
    expect(instantFromLocal('2026-03-29T03:30')).toBe('2026-03-29T03:30:00+02:00');
    expect(instantFromLocal('2026-10-25T04:00')).toBe('2026-10-25T04:00:00+01:00');
    expect(instantFromLocal('2026-10-24T23:00')).toBe('2026-10-24T23:00:00+02:00');
  });

  it('gives nothing for an empty or partly typed input', () => {
    expect(instantFromLocal('')).toBeUndefined();
    expect(instantFromLocal('2026-11')).toBeUndefined();
  });

  it('shows any instant as its Stockholm date and time, whatever its offset', () => {
    expect(localDateOf('2026-11-24T23:30:00Z')).toBe('2026-11-25');
    expect(localDateTimeOf('2026-06-30T22:15:00Z')).toBe('2026-07-01T00:15');
    expect(localDateOf(undefined)).toBe('');
    expect(localDateOf('not a date')).toBe('');
  });

  it('round-trips what the inputs show', () => {
    for (const local of ['2026-01-01T00:00', '2026-06-15T12:34', '2026-12-31T23:59']) {
      expect(localDateTimeOf(instantFromLocal(local))).toBe(local);
    }
  });
});

describe('the retry policy', () => {
  it('waits 1, 2, 4 … seconds, at most 30', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it('retries what may pass later, never what the server refused on its merits', () => {
    expect(isRetryable(new ApiError('network', null))).toBe(true);
    expect(isRetryable(new ApiError('internal', 500))).toBe(true);
    expect(isRetryable(new ApiError('validation', 400))).toBe(false);
    expect(isRetryable(new ApiError('forbidden', 403))).toBe(false);
    expect(isRetryable(new Error('a bug'))).toBe(false);
  });
});

describe('AutosaveController', () => {
  const editor: CaseAccess = { view: 'full', actions: ['editInvestigation'] };

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  function controllerFor(item = investigationItem({ law: 'SoL' }, {}, editor)) {
    const server = versionedCaseApi(item);
    const pageCopies: VisibleCase[] = [];
    const controller = new AutosaveController<Investigation>({
      record: item.case,
      access: item.access,
      mayEdit: (record, access) =>
        access.actions.includes('editInvestigation') && record.state === 'underInvestigation',
      read: (record) => record.investigation ?? {},
      save: (id, value, version) => server.api.updateInvestigation(id, value, version),
      fetchCase: (id) => server.api.getCase(id),
      onCaseChanged: (record) => {
        pageCopies.push(record);
      },
      issuePrefix: 'investigation.',
      now: () => NOW,
    });
    return { controller, server, pageCopies };
  }

  it('does not save, and says so, when the case was decided before the edit reached the server', async () => {
    const { controller, server, pageCopies } = controllerFor();
    server.othersSave(() => ({ state: 'decided' }));
    controller.change((value) => ({ ...value, whatHappened: 'Sent ändring' }));
    controller.flush();
    await jest.advanceTimersByTimeAsync(0);

    expect(server.api.calls.filter((c) => c.name === 'updateInvestigation')).toHaveLength(1);
    expect(pageCopies.at(-1)?.state).toBe('decided');
    const snapshot = controller.getSnapshot();
    expect(snapshot.status.kind).toBe('locked');
    expect(snapshot.unsavedFields).toEqual(['whatHappened']);
    expect(snapshot.value.whatHappened).toBe('Sent ändring');
  });

  it('keeps an unsettled collision when yet another save arrives', async () => {
    const { controller, server } = controllerFor(
      investigationItem({ whatHappened: 'Början' }, {}, editor),
    );
    server.othersSave(() => ({ investigation: { whatHappened: 'Deras' } }));
    controller.change((value) => ({ ...value, whatHappened: 'Min' }));
    controller.flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(controller.getSnapshot().collisions.map((c) => c.path)).toEqual(['whatHappened']);

    // Someone changes another field; the page hands the newer case over.
    const newer = server.othersSave(() => ({
      investigation: { whatHappened: 'Deras', followUp: 'Om tre månader' },
    }));
    controller.receive(newer);
    const snapshot = controller.getSnapshot();
    expect(snapshot.collisions).toEqual([
      { path: 'whatHappened', base: 'Början', mine: 'Min', theirs: 'Deras' },
    ]);
    expect(snapshot.value).toEqual({ whatHappened: 'Min', followUp: 'Om tre månader' });

    controller.resolve('whatHappened', 'mine');
    await jest.advanceTimersByTimeAsync(0);
    expect(server.stored().investigation).toEqual({
      whatHappened: 'Min',
      followUp: 'Om tre månader',
    });
    expect(controller.getSnapshot().status.kind).toBe('saved');
  });

  it('goes on retrying after the form is gone, so an edit made just before leaving is not lost', async () => {
    const { controller, server } = controllerFor();
    const stored = server.api.script.updateInvestigation;
    let failures = 1;
    server.api.script.updateInvestigation = (...args) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new ApiError('network', null));
      }
      return stored!(...args);
    };
    const detach = controller.attach();
    controller.change((value) => ({ ...value, other: 'Sista raden' }));
    detach();
    await jest.advanceTimersByTimeAsync(retryDelayMs(1));
    expect(server.stored().investigation).toEqual({ law: 'SoL', other: 'Sista raden' });
  });
});
