import { findPersonalData, maskPersonalData } from '../../core/personalData.js';

/**
 * Pure rules about addresses and text that the pane and the send-time check share: which
 * domains are the organisation's own, when "many" external recipients saw each other, and how
 * identity numbers are counted and masked (by the core's detector, SPEC §2–3).
 */

/** From this many external addresses in To and Cc, a message counts as a group e-mail. */
export const MANY_EXTERNAL_RECIPIENTS = 5;

/** The domain of an address, lower case; '' when it has none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/**
 * The organisation's own domains: those configured, and the signed-in user's own (so a
 * municipality that configured none still sees its colleagues as internal). Lower case, unique.
 */
export function ownDomainsOf(configured: readonly string[], userAddress?: string): string[] {
  const domains = configured.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''));
  const own = userAddress === undefined ? '' : domainOf(userAddress);
  return [...new Set([...domains, own])].filter((domain) => domain !== '');
}

/** Whether an address is outside the own domains (a subdomain of an own domain is inside). */
export function isExternal(address: string, ownDomains: readonly string[]): boolean {
  const domain = domainOf(address);
  return !ownDomains.some((own) => domain === own || domain.endsWith(`.${own}`));
}

/** Each address once, in its first place, compared without case (one person in To and Cc). */
export function uniqueByAddress<T extends { address: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const identityKinds = new Set(['personalIdentityNumber', 'coordinationNumber']);

function identityFindings(text: string) {
  return findPersonalData(text).filter((finding) => identityKinds.has(finding.kind));
}

/** How many personnummer and samordningsnummer a text holds (a count, never a value). */
export function countIdentityNumbers(text: string): number {
  return identityFindings(text).length;
}

/** The text with each personnummer and samordningsnummer replaced by its placeholder. */
export function maskIdentityNumbers(text: string): string {
  return maskPersonalData(text, identityFindings(text));
}
