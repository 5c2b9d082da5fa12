import { ConflictError } from './errors.js';
import type { DocumentRef } from './ports.js';

/**
 * The document a store already holds under a caller's id (see `NewDocument.id`), when the one
 * being stored again is the same — same case, same content — so the store gives it back. Another
 * document under that id is a ConflictError; the stores call this so they refuse it alike.
 */
export function sameStoredDocument<Stored extends Pick<DocumentRef, 'caseId' | 'sha256'>>(
  stored: Stored,
  again: { caseId: string; sha256: string },
): Stored {
  if (stored.caseId === again.caseId && stored.sha256 === again.sha256) return stored;
  throw new ConflictError({
    sv: 'Ett annat dokument finns redan under samma id.',
    en: 'Another document is already stored under the same id.',
  });
}
