import type { CaseAccess } from '../../../core/access.js';
import type { FieldIssue } from '../../../core/errors.js';
import { ApiError } from '../../api/client.js';
import type { CaseForViewer, VisibleCase } from '../../api/types.js';
import {
  changedPaths,
  mergeThreeWay,
  sameValue,
  valueAt,
  withValueAt,
  withoutEmpty,
  type Collision,
} from './threeWayMerge.js';
import type {
  AutosaveCallbacks,
  AutosaveOptions,
  AutosaveSnapshot,
  AutosaveStatus,
} from './useAutosave.types.js';

/** The pause after the last change before a form is saved. */
export const AUTOSAVE_DELAY_MS = 1500;

/** Longest wait between two attempts to reach the server. */
const MAX_RETRY_MS = 30_000;

/** Conflicts in a row merged and saved again before waiting like after a network failure. */
const MAX_CONFLICT_ROUNDS = 3;

/** The wait before the n-th retry (1, 2, 4 … seconds, at most 30). */
export function retryDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
}

/** Whether sending the same edit again later may succeed (the server or the session was away). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  switch (error.reason) {
    case 'network':
    case 'internal':
    case 'unexpectedResponse':
    case 'signInRequired':
    case 'unauthenticated':
    case 'unavailable':
    case 'tooManyRequests':
      return true;
    case 'validation':
    case 'forbidden':
    case 'notFound':
    case 'conflict':
    case 'illegalTransition':
    case 'idempotencyMismatch':
    case 'badRequest':
    case 'payloadTooLarge':
    case 'unsupportedMediaType':
    case 'crossOrigin':
      return false;
  }
}

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.reason === 'conflict';
}

/**
 * One form's autosave, outside React so its timers and requests outlive a render (and an
 * unmount: the last edit is still sent). It keeps three copies of the form: `value` (the user's
 * newest edit, always what is shown), `base` (what the server had when this form last loaded or
 * saved, with its `version`), and, after a conflict, the server's newer copy, merged field by
 * field with the other two. Saves go one at a time; an edit made meanwhile is sent after.
 */
export class AutosaveController<T extends object> {
  private readonly id: string;
  private options: AutosaveOptions<T>;
  private record: VisibleCase;
  private access: CaseAccess;
  private value: T;
  private base: T;
  private version: number;
  private status: AutosaveStatus = { kind: 'idle' };
  private issues: FieldIssue[] = [];
  private collisions: Collision[] = [];
  private updatedByOthers: string[] = [];
  private snapshot: AutosaveSnapshot<T>;
  private readonly listeners = new Set<() => void>();
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryAttempt = 0;
  private inFlight = false;
  /** The save under way, for settle(). */
  private running: Promise<void> | undefined;
  /** Someone asked for a save while one was in flight: send again when it ends. */
  private again = false;
  /** The exact payload the server refused (validation), not sent again until it changes. */
  private refused: string | undefined;
  /** A newer case the page handed over during a save, merged when the save ends. */
  private newer: { record: VisibleCase; access: CaseAccess | undefined } | undefined;

  constructor(options: AutosaveOptions<T>) {
    this.options = options;
    this.id = options.record.id;
    this.record = options.record;
    this.access = options.access;
    this.value = options.read(options.record);
    this.base = this.value;
    this.version = options.record.version;
    this.snapshot = this.makeSnapshot();
  }

  // Arrow properties: React calls these detached from the instance.

  /** For useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** For useSyncExternalStore: the same object until something changes. */
  readonly getSnapshot = (): AutosaveSnapshot<T> => this.snapshot;

  /** Takes the form's current callbacks (a re-render may make new ones). */
  configure(callbacks: AutosaveCallbacks<T>): void {
    this.options = { ...this.options, ...callbacks };
  }

  /** The page's copy of the case changed: a newer version is merged into the form. */
  readonly receive = (record: VisibleCase, access?: CaseAccess): void => {
    if (record.id !== this.id) return;
    if (access !== undefined) this.access = access;
    if (record.version <= this.version) {
      this.emit();
      return;
    }
    if (this.inFlight) {
      // Merging now would use a base the save in flight is about to replace.
      if (this.newer === undefined || this.newer.record.version < record.version) {
        this.newer = { record, access };
      }
      return;
    }
    this.reconcile(record, access);
    this.emit();
  };

  /** Applies the user's edit and saves it after the pause. */
  readonly change = (update: (current: T) => T): void => {
    this.value = update(this.value);
    if (!this.editable()) {
      if (this.isDirty()) this.status = { kind: 'locked' };
    } else {
      if (this.status.kind === 'idle' && this.isDirty()) this.status = { kind: 'pending' };
      clearTimeout(this.debounceTimer);
      this.debounceTimer = setTimeout(() => {
        this.debounceTimer = undefined;
        this.flush();
      }, this.options.delayMs ?? AUTOSAVE_DELAY_MS);
    }
    this.emit();
  };

  /** Saves now, or right after the save in flight. */
  readonly flush = (): void => {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.running = this.run().catch((error: unknown) => {
      // Only a failing callback (onCaseChanged) gets here; keep the edit and say it failed.
      this.status = { kind: 'failed', error };
      this.emit();
    });
  };

  /**
   * Saves what is waiting now and resolves when no save is under way: true when the server has
   * everything the form holds, false when something is left (a conflict to choose, a refused
   * field, the server out of reach). A workflow step waits for this, so it never races a save.
   */
  readonly settle = async (): Promise<boolean> => {
    if (this.isDirty() && !this.inFlight) this.flush();
    else if (this.inFlight) this.again = true;
    while (this.running !== undefined) {
      const running = this.running;
      await running;
      // A save that began meanwhile replaced it: wait for that one too.
      if (this.running === running) this.running = undefined;
    }
    return !this.isDirty();
  };

  /** Settles a collision; when none is left, the form is saved at once. */
  readonly resolve = (path: string, choice: 'mine' | 'theirs'): void => {
    const collision = this.collisions.find((item) => item.path === path);
    if (collision === undefined) return;
    if (choice === 'theirs') this.value = withValueAt(this.value, path, collision.theirs);
    this.collisions = this.collisions.filter((item) => item !== collision);
    if (this.collisions.length > 0) {
      this.emit();
      return;
    }
    this.status = this.isDirty() ? { kind: 'pending' } : { kind: 'saved', at: this.options.now() };
    this.emit();
    this.flush();
  };

  /** Hides the notice of fields someone else changed. */
  readonly dismissUpdated = (): void => {
    this.updatedByOthers = [];
    this.emit();
  };

  /**
   * Starts listening for the page going away (the last edit is saved at once then); the
   * returned function stops, and saves what is left, as the form unmounts.
   */
  attach(): () => void {
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    return () => {
      window.removeEventListener('pagehide', this.onPageHide);
      window.removeEventListener('beforeunload', this.onBeforeUnload);
      document.removeEventListener('visibilitychange', this.onVisibilityChange);
      // Navigating away must not lose the edit: save it now. The request, and any retry,
      // go on without the form (their answers still reach the page while it is shown).
      if (this.isDirty()) this.flush();
    };
  }

  private readonly onPageHide = (): void => {
    if (this.isDirty()) this.flush();
  };

  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden' && this.isDirty()) this.flush();
  };

  private readonly onBeforeUnload = (event: Event): void => {
    if (!this.isDirty() && !this.inFlight) return;
    this.flush();
    // Asks the browser to confirm leaving while an edit is not yet on the server.
    event.preventDefault();
  };

  private editable(): boolean {
    return this.options.mayEdit(this.record, this.access);
  }

  private isDirty(): boolean {
    return !sameValue(this.value, this.base);
  }

  private payloadKey(payload: T): string {
    return JSON.stringify(payload);
  }

  private canSave(): boolean {
    if (!this.editable()) {
      if (this.isDirty()) this.status = { kind: 'locked' };
      return false;
    }
    if (this.collisions.length > 0 || !this.isDirty()) return false;
    return this.refused !== this.payloadKey(withoutEmpty(this.value));
  }

  private async run(): Promise<void> {
    this.inFlight = true;
    let conflicts = 0;
    try {
      do {
        this.again = false;
        this.absorbNewer();
        if (!this.canSave()) break;
        clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        const payload = withoutEmpty(this.value);
        this.status = { kind: 'saving' };
        this.emit();
        let answered: VisibleCase;
        try {
          answered = await this.options.save(this.id, payload, this.version);
        } catch (error) {
          if (isConflict(error) && conflicts < MAX_CONFLICT_ROUNDS) {
            conflicts += 1;
            // Someone saved first: merge with what they saved, and send the merge at once.
            this.again = await this.catchUp();
            continue;
          }
          this.failed(error, payload);
          break;
        }
        this.saved(answered);
      } while (this.again);
    } finally {
      this.inFlight = false;
      this.absorbNewer();
      this.emit();
    }
  }

  /** Fetches the case after a conflict and merges it; false when that failed too. */
  private async catchUp(): Promise<boolean> {
    let found: CaseForViewer;
    try {
      found = await this.options.fetchCase(this.id);
    } catch (error) {
      this.failed(error, undefined);
      return false;
    }
    // A conflict means someone else saved first: what they changed is worth telling.
    this.reconcile(found.case, found.access, { announce: true });
    this.options.onCaseChanged(found.case);
    return true;
  }

  private saved(answered: VisibleCase): void {
    this.retryAttempt = 0;
    this.refused = undefined;
    this.issues = [];
    if (answered.version > this.version) {
      this.version = answered.version;
      this.record = answered;
      // What the server stored (trimmed), not what was sent: the next comparison is with it.
      this.base = this.options.read(answered);
    }
    this.status = { kind: 'saved', at: this.options.now() };
    this.options.onCaseChanged(answered);
  }

  private failed(error: unknown, payload: T | undefined): void {
    if (error instanceof ApiError && error.reason === 'validation' && error.issues.length > 0) {
      const prefix = this.options.issuePrefix;
      this.issues = error.issues.map((issue) => ({
        ...issue,
        field: issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field,
      }));
      if (payload !== undefined) this.refused = this.payloadKey(payload);
      this.status = { kind: 'invalid' };
      return;
    }
    if (isRetryable(error) || isConflict(error)) {
      this.retryAttempt += 1;
      const retryInMs = retryDelayMs(this.retryAttempt);
      this.status = { kind: 'retrying', error, retryInMs };
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.flush();
      }, retryInMs);
      return;
    }
    if (payload !== undefined) this.refused = this.payloadKey(payload);
    this.status = { kind: 'failed', error };
  }

  private absorbNewer(): void {
    const newer = this.newer;
    this.newer = undefined;
    if (newer !== undefined) this.reconcile(newer.record, newer.access);
  }

  /**
   * Merges a newer copy of the case into the form (see threeWayMerge). Only a copy fetched after
   * a conflict is announced as someone else's change: one handed over by the page comes from the
   * user's own work in another section (a step that opened the investigation, a log entry).
   */
  private reconcile(
    record: VisibleCase,
    access: CaseAccess | undefined,
    options: { announce: boolean } = { announce: false },
  ): void {
    if (access !== undefined) this.access = access;
    if (record.version <= this.version) return;
    const theirs = this.options.read(record);
    const result = mergeThreeWay(this.base, this.value, theirs);
    // An earlier collision not yet settled stays, unless the two sides now agree.
    const earlier = this.collisions.filter(
      (old) =>
        !result.collisions.some((item) => item.path === old.path) &&
        !sameValue(valueAt(result.merged, old.path), valueAt(theirs, old.path)),
    );
    this.collisions = [
      ...earlier.map((old) => ({ ...old, theirs: valueAt(theirs, old.path) })),
      ...result.collisions,
    ];
    if (options.announce) {
      this.updatedByOthers = [...new Set([...this.updatedByOthers, ...result.takenFromTheirs])];
    }
    this.record = record;
    this.version = record.version;
    this.base = theirs;
    this.value = result.merged;
    this.refused = undefined;
    if (this.collisions.length > 0) this.status = { kind: 'conflict' };
    else if (this.isDirty()) this.status = { kind: this.editable() ? 'pending' : 'locked' };
    // Nothing left to send: what the form shows is what the server has.
    else if (this.status.kind !== 'idle' && this.status.kind !== 'saved') {
      this.status = { kind: 'saved', at: this.options.now() };
    }
  }

  private makeSnapshot(): AutosaveSnapshot<T> {
    return {
      value: this.value,
      status: this.status,
      issues: this.issues,
      // "Mine" is what the field holds now: the user may go on typing in it before choosing.
      collisions: this.collisions.map((item) => ({
        ...item,
        mine: valueAt(this.value, item.path),
      })),
      updatedByOthers: this.updatedByOthers,
      unsavedFields: this.isDirty() ? changedPaths(this.base, this.value) : [],
    };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
