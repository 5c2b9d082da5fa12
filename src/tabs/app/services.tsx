import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/client.js';

/**
 * What the components get from outside: the API and the clock. Tests provide fakes through the
 * same context, so no module is ever mocked.
 */

/** The calls of the API client the screens use: all of them (tests give a fake). */
export type CaseApi = Pick<ApiClient, keyof ApiClient>;

/** The tab's services. */
export interface TabServices {
  api: CaseApi;
  /** The current time (deadline badges count from it). */
  now: () => Date;
}

const ServicesContext = createContext<TabServices | null>(null);

/** Provides the services to everything below. */
export function ServicesProvider(props: { services: TabServices; children: ReactNode }): ReactNode {
  return (
    <ServicesContext.Provider value={props.services}>{props.children}</ServicesContext.Provider>
  );
}

/** The tab's services; throws outside a ServicesProvider (a wiring mistake). */
export function useServices(): TabServices {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('useServices must be used inside a ServicesProvider.');
  return services;
}

/** How often the deadline badges are brought up to date. */
const TICK_MS = 60_000;

/** The current time, renewed every minute so the badges count down while the page is open. */
export function useNow(): Date {
  return useTickingNow(useServices().now);
}

/** `now()` as state, read again every minute: for deadlines that count down on an open page. */
export function useTickingNow(now: () => Date): Date {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => {
      setCurrent(now());
    }, TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, [now]);
  return current;
}
