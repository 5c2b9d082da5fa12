import { useCallback, useState } from 'react';
import type { DocumentRef } from '../../api/types.js';
import { useServices } from '../../app/services.js';

/**
 * Saves a case document to the user's device. A plain link cannot carry the bearer token, so the
 * content is fetched with it and handed to the browser as a file; inside Teams this is also the
 * way a download works. `pending` names the document being fetched, `error` the last failure.
 */
export function useDocumentDownload(caseId: string): {
  download: (document: Pick<DocumentRef, 'id' | 'name'>) => Promise<void>;
  pending: string | undefined;
  error: unknown;
} {
  const { api } = useServices();
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const download = useCallback(
    async (document: Pick<DocumentRef, 'id' | 'name'>) => {
      setPending(document.id);
      setError(undefined);
      try {
        const blob = await api.getDocument(caseId, document.id);
        const url = URL.createObjectURL(blob);
        const anchor = window.document.createElement('a');
        anchor.href = url;
        anchor.download = document.name;
        anchor.rel = 'noopener';
        window.document.body.append(anchor);
        anchor.click();
        anchor.remove();
        // The browser has taken the file once click() returns; give it a moment before freeing.
        setTimeout(() => {
          URL.revokeObjectURL(url);
        }, 1_000);
      } catch (failure) {
        setError(failure);
      } finally {
        setPending(undefined);
      }
    },
    [api, caseId],
  );

  return { download, pending, error };
}
