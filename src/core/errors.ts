import type { LocalizedText } from './i18n.js';

/** Why a domain operation was refused; every door maps each reason once (HTTP status, bot reply). */
export type DomainErrorReason =
  | 'validation'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'illegalTransition'
  | 'idempotencyMismatch'
  | 'unauthenticated'
  | 'unavailable';

/** One problem with one field, named by its SPEC field id (dotted path). */
export interface FieldIssue {
  field: string;
  message: LocalizedText;
}

/** Base of every error the domain throws on purpose. */
export class DomainError extends Error {
  constructor(
    readonly reason: DomainErrorReason,
    readonly text: LocalizedText,
    options?: ErrorOptions,
  ) {
    super(text.en, options);
    this.name = new.target.name;
  }
}

/** Input broke a rule; `issues` name each field in Swedish and English. */
export class ValidationError extends DomainError {
  constructor(
    readonly issues: FieldIssue[],
    options?: ErrorOptions,
  ) {
    const fields = issues.map((issue) => issue.field).join(', ');
    super(
      'validation',
      {
        sv: `Uppgifterna är inte giltiga: ${fields}. ${issues.map((i) => i.message.sv).join(' ')}`,
        en: `The input is not valid: ${fields}. ${issues.map((i) => i.message.en).join(' ')}`,
      },
      options,
    );
  }
}

/** The actor may not do this to this case. */
export class ForbiddenError extends DomainError {
  constructor(text?: LocalizedText) {
    super(
      'forbidden',
      text ?? {
        sv: 'Du har inte behörighet till detta ärende.',
        en: 'You do not have access to this case.',
      },
    );
  }
}

/** The thing asked for does not exist (or is hidden from the actor, which looks the same). */
export class NotFoundError extends DomainError {
  constructor(what: LocalizedText) {
    super('notFound', {
      sv: `${what.sv} finns inte.`,
      en: `${what.en} does not exist.`,
    });
  }
}

/** Someone else changed the record first; reload and try again. */
export class ConflictError extends DomainError {
  constructor(text?: LocalizedText) {
    super(
      'conflict',
      text ?? {
        sv: 'Ärendet har ändrats av någon annan sedan du öppnade det. Ladda om och försök igen.',
        en: 'Someone else changed the case since you opened it. Reload and try again.',
      },
    );
  }
}

/** The workflow does not allow this step from the case's current state. */
export class IllegalTransitionError extends DomainError {
  constructor(
    readonly from: string,
    readonly to: string,
    text: LocalizedText,
  ) {
    super('illegalTransition', text);
  }
}

/** The idempotency key was used before for a different submission. */
export class IdempotencyMismatchError extends DomainError {
  constructor() {
    super('idempotencyMismatch', {
      sv: 'Samma inlämnings-id har redan använts för en annan rapport.',
      en: 'This submission id was already used for a different report.',
    });
  }
}

/** No valid identity came with the request. */
export class UnauthenticatedError extends DomainError {
  constructor(text?: LocalizedText) {
    super(
      'unauthenticated',
      text ?? {
        sv: 'Du behöver logga in igen.',
        en: 'You need to sign in again.',
      },
    );
  }
}

/**
 * The registry does not answer just now (throttled, down, unreachable) and the operation could
 * not wait for it. Nothing was changed; the same request may be sent again in a while.
 */
export class StoreUnavailableError extends DomainError {
  constructor(options?: ErrorOptions) {
    super(
      'unavailable',
      {
        sv: 'Diariet svarar inte just nu. Inget har ändrats och det du skrivit finns kvar; försök igen om en stund.',
        en: 'The registry is not answering just now. Nothing was changed and what you wrote is kept; try again in a while.',
      },
      options,
    );
  }
}
