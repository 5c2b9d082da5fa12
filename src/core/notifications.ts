import type { NewCaseNotifier } from './ports.js';
import type { CaseRecord } from './cases.js';

/**
 * Several notifiers as one (the bot's chat message, Teams' activity feed), added as the doors
 * that own them are built. Every one is tried; the failures are thrown together afterwards.
 */
export class NewCaseNotifiers implements NewCaseNotifier {
  private readonly notifiers: NewCaseNotifier[] = [];

  /** Adds a notifier; each new case reaches every notifier added. */
  add(notifier: NewCaseNotifier): void {
    this.notifiers.push(notifier);
  }

  async notifyNewCase(record: CaseRecord): Promise<void> {
    const outcomes = await Promise.allSettled(
      this.notifiers.map((notifier) => notifier.notifyNewCase(record)),
    );
    const failures = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
    );
    if (failures.length > 0) throw new AggregateError(failures, 'notification failed');
  }
}
