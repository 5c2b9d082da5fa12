import { useCallback, useEffect, useState } from 'react';
import type { DocumentRef, VisibleCase } from '../../api/types.js';
import { useServices } from '../../app/services.js';

type Loaded = { key: string } & (
  { ok: true; documents: DocumentRef[] } | { ok: false; error: unknown }
);

/** One file's upload outcome, to report in the live region. */
export type UploadOutcome = { name: string } & ({ ok: true } | { ok: false; error: unknown });

/**
 * The case's documents, loaded again whenever the case changes (a new version: a document was
 * filed, a decision generated), and uploads of the handler's attachments one file at a time.
 */
export function useCaseDocuments(
  record: VisibleCase,
  onCaseChanged: (record: VisibleCase) => void,
): {
  documents: DocumentRef[] | undefined;
  loading: boolean;
  error: unknown;
  retry: () => void;
  upload: (files: readonly File[]) => Promise<void>;
  progress: { done: number; total: number } | undefined;
  outcomes: UploadOutcome[];
} {
  const { api } = useServices();
  const [attempt, setAttempt] = useState(0);
  const key = `${record.id}@${String(record.version)}#${String(attempt)}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [outcomes, setOutcomes] = useState<UploadOutcome[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    api.listDocuments(record.id, controller.signal).then(
      (documents) => {
        setLoaded({ key, ok: true, documents });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, ok: false, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [api, record.id, key]);

  const retry = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);

  const upload = useCallback(
    async (files: readonly File[]) => {
      const results: UploadOutcome[] = [];
      setOutcomes([]);
      for (const [index, file] of files.entries()) {
        setProgress({ done: index, total: files.length });
        try {
          await api.uploadAttachment(record.id, file);
          results.push({ name: file.name, ok: true });
        } catch (error) {
          // One refused file (too big, wrong type) does not stop the others.
          results.push({ name: file.name, ok: false, error });
        }
      }
      setProgress(undefined);
      setOutcomes(results);
      if (results.some((result) => result.ok)) {
        // Each file added changed the case: show its new version (and so the new list).
        const fresh = await api.getCase(record.id);
        onCaseChanged(fresh.case);
      }
    },
    [api, record.id, onCaseChanged],
  );

  // Keep showing the last list while a newer one loads, so the table does not flicker.
  const [shown, setShown] = useState<DocumentRef[] | undefined>(undefined);
  const current = loaded?.key === key ? loaded : undefined;
  if (current?.ok === true && shown !== current.documents) setShown(current.documents);

  return {
    documents: shown,
    loading: current === undefined,
    error: current?.ok === false ? current.error : undefined,
    retry,
    upload,
    progress,
    outcomes,
  };
}
