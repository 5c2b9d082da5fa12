/**
 * The part of Office.js the Outlook action uses, typed structurally: the real `Office` global in
 * Outlook, office-addin-mock's object in tests, or the browser test's fake. Every value read from
 * it is `unknown` until zod has checked it (src/outlook/capture/mailItem.ts): Office is an edge.
 */

/** What an Office callback receives. */
export interface OfficeAsyncResult {
  status: unknown;
  value?: unknown;
  error?: unknown;
}

/** An Office callback. */
export type OfficeCallback = (result: OfficeAsyncResult) => void;

/** A compose-mode property (`item.to`, `item.subject`, …): read with getAsync. */
export interface OfficeAsyncProperty {
  getAsync: (callback: OfficeCallback) => void;
}

/** The item's body: read as text with getAsync. */
export interface OfficeBody {
  getAsync: (coercionType: unknown, callback: OfficeCallback) => void;
}

/** `Office.context.mailbox.item`, in read mode (values) or compose mode (getAsync). */
export interface OfficeMailItem {
  itemType?: unknown;
  subject?: unknown;
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  attachments?: unknown;
  dateTimeCreated?: unknown;
  body?: OfficeBody;
  getAttachmentsAsync?: (callback: OfficeCallback) => void;
}

/** `Office.context.mailbox`. */
export interface OfficeMailbox {
  item?: OfficeMailItem | null;
  userProfile?: { emailAddress?: unknown };
}

/** The `Office` namespace, as far as the action uses it. */
export interface OfficeNamespace {
  context?: { mailbox?: OfficeMailbox | null; displayLanguage?: unknown };
  CoercionType?: { Text?: unknown };
  onReady?: (callback?: (info: { host?: unknown }) => void) => Promise<{ host?: unknown }>;
  actions?: { associate: (name: string, handler: (event: never) => void) => void };
}

/** Why an Office call failed: the call never answered as Office promises, or answered "failed". */
export type OfficeCallFailure = 'failed' | 'threw';

/** An Office call that did not give a value. */
export class OfficeCallError extends Error {
  constructor(
    readonly reason: OfficeCallFailure,
    readonly call: string,
    options?: ErrorOptions,
  ) {
    super(`Office call ${call} ${reason === 'failed' ? 'failed' : 'threw'}`, options);
    this.name = 'OfficeCallError';
  }
}

/** Runs an Office getAsync-style call as a promise of its (unchecked) value. */
export function officeCall(
  call: string,
  start: (callback: OfficeCallback) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      start((result) => {
        if (result.status === 'succeeded') resolve(result.value);
        else reject(new OfficeCallError('failed', call, { cause: result.error }));
      });
    } catch (error) {
      reject(new OfficeCallError('threw', call, { cause: error }));
    }
  });
}

/** The value of an item property: as it is in read mode, through getAsync in compose mode. */
export function readProperty(call: string, property: unknown): Promise<unknown> {
  if (
    typeof property === 'object' &&
    property !== null &&
    typeof (property as Partial<OfficeAsyncProperty>).getAsync === 'function'
  ) {
    const asyncProperty = property as OfficeAsyncProperty;
    return officeCall(call, (callback) => {
      asyncProperty.getAsync(callback);
    });
  }
  return Promise.resolve(property);
}
