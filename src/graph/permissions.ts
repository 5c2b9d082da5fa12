import { z } from 'zod';
import { GraphError } from './errors.js';
import type { GraphClient } from './graphClient.js';
import { encodeSegment } from './paths.js';

/**
 * Who may open a folder of the registry, through Graph's sharing API on drive items.
 *
 * SharePoint advises fewer than 5,000 unique permission scopes per library (hard limit 50,000),
 * and breaking inheritance on a folder of more than 100,000 items fails. So grants go on a few
 * folders — one per routed group, made by provisioning while still empty — and a case folder gets
 * a scope of its own only when it must (protected identity): see the README's arithmetic.
 *
 * A restriction is one `invite` with `retainInheritedPermissions: false` (the first share of an
 * item starts its scope empty, then grants), then the removal of any other grant the scope holds.
 * It is idempotent, and needs no knowledge of whether the item already had a scope of its own:
 * Graph's docs allow SharePoint to leave `inheritedFrom` out, so nothing here relies on it.
 */

/** A role a grant gives: `read` (view) or `write` (edit). */
export type GrantRole = 'read' | 'write';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can name an Entra user or group (an object id). */
export function isObjectId(id: string): boolean {
  return guidPattern.test(id);
}

const identitySchema = z.object({ id: z.string().optional() }).loose();
const permissionSchema = z
  .object({
    id: z.string(),
    roles: z.array(z.string()).default([]),
    grantedToV2: z
      .object({
        user: identitySchema.optional(),
        group: identitySchema.optional(),
        siteUser: identitySchema.optional(),
        siteGroup: identitySchema.optional(),
      })
      .loose()
      .optional(),
    inheritedFrom: z.unknown().optional(),
  })
  .loose();
const permissionsSchema = z.object({ value: z.array(permissionSchema) });

/** One grant on an item, as far as restricting needs it. */
export interface ItemGrant {
  permissionId: string;
  roles: string[];
  /** The Entra object id of the user or group, when the grant names one. */
  objectId?: string;
}

/** The path of a drive item by id, for the functions here (`${drive}/root` names the root). */
export function itemPath(drive: string, itemId: string): string {
  return `${drive}/items/${encodeSegment(itemId)}`;
}

/** The grants the item at `item` (a path, see {@link itemPath}) has now, own or inherited. */
export async function listGrants(client: GraphClient, item: string): Promise<ItemGrant[]> {
  const page = await client.json({ method: 'GET', path: `${item}/permissions` }, permissionsSchema);
  return page.value.map((permission) => {
    const to = permission.grantedToV2;
    const objectId = to?.user?.id ?? to?.group?.id;
    return {
      permissionId: permission.id,
      roles: permission.roles,
      ...(objectId === undefined ? {} : { objectId }),
    };
  });
}

/** The `invite` body that gives `objectIds` the role on an item, breaking inheritance if needed. */
export function inviteBody(objectIds: readonly string[], role: GrantRole): Record<string, unknown> {
  if (objectIds.length === 0) {
    // An empty scope is not something invite can make; a protected case with no named handler
    // is a routing mistake (the routing table requires at least one) that must not pass silently.
    throw new GraphError('badRequest', { code: 'noPrincipals' });
  }
  for (const id of objectIds) {
    if (!isObjectId(id)) throw new GraphError('badRequest', { code: 'principalNotObjectId' });
  }
  return {
    recipients: objectIds.map((objectId) => ({ objectId })),
    roles: [role],
    requireSignIn: true,
    // Nobody is e-mailed: notifications never carry case details (SPEC §5–6).
    sendInvitation: false,
    retainInheritedPermissions: false,
  };
}

/** What {@link restrictItem} changed. */
export interface RestrictionResult {
  /** Grants removed because they named someone else. */
  removed: number;
}

/**
 * Makes `objectIds` (with `role`) the only people and groups who may open the item, besides the
 * site's owners: inheritance broken without copying, every other grant removed. Idempotent.
 */
export async function restrictItem(
  client: GraphClient,
  item: string,
  objectIds: readonly string[],
  role: GrantRole,
): Promise<RestrictionResult> {
  await client.send({ method: 'POST', path: `${item}/invite`, json: inviteBody(objectIds, role) });
  return removeOtherGrants(client, item, objectIds);
}

/**
 * Removes the item's own grants to anyone not in `objectIds`. Owner grants stay: they are the
 * site's owners (IT), who could give themselves access anyway, and SharePoint keeps them.
 */
export async function removeOtherGrants(
  client: GraphClient,
  item: string,
  objectIds: readonly string[],
): Promise<RestrictionResult> {
  const wanted = new Set(objectIds.map((id) => id.toLowerCase()));
  let removed = 0;
  for (const grant of await listGrants(client, item)) {
    if (grant.roles.includes('owner')) continue;
    if (grant.objectId !== undefined && wanted.has(grant.objectId.toLowerCase())) continue;
    try {
      await client.send({
        method: 'DELETE',
        path: `${item}/permissions/${encodeSegment(grant.permissionId)}`,
      });
      removed++;
    } catch (error) {
      // Gone already (a retried delete whose answer was lost): the goal is reached.
      if (!(error instanceof GraphError && error.reason === 'notFound')) throw error;
    }
  }
  return { removed };
}
