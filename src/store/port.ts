/**
 * The store port. It is declared in the core (which depends on it, not on any adapter) and
 * re-exported here, beside the adapters that implement it.
 */
export type {
  AccessLogEntry,
  CasePage,
  CaseQuery,
  CaseSortKey,
  CaseStore,
  CreateCaseCommand,
  CreateCaseResult,
  DocumentRef,
  NewDocument,
  NewPendingFile,
  PendingFileRef,
  RegistrationRequest,
  UpdateCaseCommand,
} from '../core/ports.js';
export type { StateEntry, StateStore, StateWrite } from '../core/stateStore.js';
