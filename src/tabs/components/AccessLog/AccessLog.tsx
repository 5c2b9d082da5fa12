import type { ReactNode } from 'react';

/** Placeholder until the DPO's access-log page is built. */
export function AccessLog(): ReactNode {
  return <p>AccessLog</p>;
}
