import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';

/**
 * The case page's forms save by themselves; a workflow step must not race them (a step taken on
 * the version before a save would lock the form with the edit unsaved). Forms register how to
 * settle their saves, and a step first settles them all, then uses the newest version the page
 * has seen — read from here, since the page's render may not have caught up yet.
 */
export interface CaseSaves {
  /** Registers a form's settle(); the returned function unregisters it. */
  register: (settle: () => Promise<boolean>) => () => void;
  /** Settles every form: true when nothing is left unsaved anywhere. */
  settleAll: () => Promise<boolean>;
  /** The newest version of the case the page has been handed, if the page tracks it. */
  latestVersion: () => number | undefined;
}

const alone: CaseSaves = {
  register: () => () => undefined,
  settleAll: () => Promise.resolve(true),
  latestVersion: () => undefined,
};

const CaseSavesContext = createContext<CaseSaves>(alone);

/** Provides the page's registry of forms; `latestVersion` reads the page's newest case. */
export function CaseSavesProvider(props: {
  latestVersion: () => number | undefined;
  children: ReactNode;
}): ReactNode {
  const settlers = useRef(new Set<() => Promise<boolean>>());
  const { latestVersion } = props;
  const value = useMemo<CaseSaves>(
    () => ({
      register: (settle) => {
        settlers.current.add(settle);
        return () => {
          settlers.current.delete(settle);
        };
      },
      settleAll: async () => {
        const results = await Promise.all([...settlers.current].map((settle) => settle()));
        return results.every(Boolean);
      },
      latestVersion,
    }),
    [latestVersion],
  );
  return <CaseSavesContext.Provider value={value}>{props.children}</CaseSavesContext.Provider>;
}

/** The page's registry of forms; outside a case page, one that has nothing to wait for. */
export function useCaseSaves(): CaseSaves {
  return useContext(CaseSavesContext);
}
