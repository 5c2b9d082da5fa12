import { z } from 'zod';
import { GraphError } from './errors.js';
import type { GraphClient } from './graphClient.js';
import { encodeDrivePath, encodeSegment } from './paths.js';

/**
 * Files in a drive: upload (one PUT for small files, an upload session above), download, and the
 * drive item shape the store reads. Every call goes through the one {@link GraphClient} pipeline.
 */

/** Files up to this size go in one PUT; larger ones through an upload session. */
export const simpleUploadMaxBytes = 10 * 1024 * 1024;
/** Graph requires upload-session fragments in multiples of 320 KiB (except the last). */
export const uploadFragmentUnit = 320 * 1024;
/** Fragment size used: 10 × 320 KiB = 3.125 MiB, inside Graph's recommended 5–10 MiB ceiling. */
export const uploadFragmentBytes = 10 * uploadFragmentUnit;

/** What Graph answers for a drive item, as far as the store reads it. */
export const driveItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  eTag: z.string().optional(),
  size: z.number().optional(),
});
/** A drive item. */
export type DriveItem = z.infer<typeof driveItemSchema>;

/** The path of a site's drive, under which every drive call of the registry goes. */
export function drivePath(siteId: string, driveId: string): string {
  return `/sites/${encodeSegment(siteId)}/drives/${encodeSegment(driveId)}`;
}

/** Where a file goes: a parent folder (by id) and a name, in one drive. */
export interface UploadTarget {
  /** The drive's path, e.g. `/sites/{site-id}/drives/{drive-id}` (see {@link drivePath}). */
  drive: string;
  parentId: string;
  name: string;
  /** `fail` (default) refuses a taken name with 409; `replace` overwrites. */
  conflictBehavior?: 'fail' | 'replace';
  /**
   * The name is this upload's own (it carries a fresh id): a 409 can then only mean that an
   * earlier attempt of this very upload arrived, whose answer was lost. Answer that file.
   */
  nameIsUnique?: boolean;
}

const uploadSessionSchema = z.object({ uploadUrl: z.string() });
const sessionStatusSchema = z.object({ nextExpectedRanges: z.array(z.string()).default([]) });

/** The drive path of a child of `parentId`, for `items/{id}:/{name}:` addressing. */
function childPath(target: UploadTarget): string {
  return `${target.drive}/items/${encodeSegment(target.parentId)}:/${encodeDrivePath([target.name])}:`;
}

/** Uploads `content` as a new file (or a replacement, when asked) and returns its drive item. */
export async function uploadFile(
  client: GraphClient,
  target: UploadTarget,
  content: Uint8Array,
): Promise<DriveItem> {
  try {
    return await upload(client, target, content);
  } catch (error) {
    if (!(
      target.nameIsUnique === true &&
      error instanceof GraphError &&
      error.reason === 'conflict'
    )) {
      throw error;
    }
    const existing = await client.json({ method: 'GET', path: childPath(target) }, driveItemSchema);
    if (existing.size !== undefined && existing.size !== content.byteLength) throw error;
    return existing;
  }
}

async function upload(
  client: GraphClient,
  target: UploadTarget,
  content: Uint8Array,
): Promise<DriveItem> {
  const behavior = target.conflictBehavior ?? 'fail';
  if (content.byteLength <= simpleUploadMaxBytes) {
    return client.json(
      {
        method: 'PUT',
        path: `${childPath(target)}/content`,
        query: { '@microsoft.graph.conflictBehavior': behavior },
        bytes: content,
      },
      driveItemSchema,
    );
  }
  const session = await client.json(
    {
      method: 'POST',
      path: `${childPath(target)}/createUploadSession`,
      json: { item: { '@microsoft.graph.conflictBehavior': behavior } },
    },
    uploadSessionSchema,
  );
  return uploadInSession(client, session.uploadUrl, content);
}

/**
 * Sends the fragments of an upload session in order. A fragment that fails for good is resumed
 * from what the session says it still expects (Graph keeps the session for days), once.
 */
async function uploadInSession(
  client: GraphClient,
  uploadUrl: string,
  content: Uint8Array,
): Promise<DriveItem> {
  let offset = 0;
  let resumed = false;
  for (;;) {
    const end = Math.min(offset + uploadFragmentBytes, content.byteLength);
    try {
      const reply = await client.send({
        method: 'PUT',
        path: uploadUrl,
        headers: { 'Content-Range': `bytes ${offset}-${end - 1}/${content.byteLength}` },
        bytes: content.subarray(offset, end),
      });
      if (end === content.byteLength) {
        const item = driveItemSchema.safeParse(reply.body);
        if (!item.success) {
          throw new GraphError('invalidResponse', { status: reply.status }, { cause: item.error });
        }
        return item.data;
      }
      offset = end;
    } catch (error) {
      if (resumed || !(error instanceof GraphError) || error.reason === 'invalidResponse') {
        throw error;
      }
      resumed = true;
      const status = await client.json({ method: 'GET', path: uploadUrl }, sessionStatusSchema);
      const next = /^(\d+)-/.exec(status.nextExpectedRanges[0] ?? '');
      if (next?.[1] === undefined) throw error;
      offset = Number(next[1]);
    }
  }
}

/** A drive item named by its id, or by its parent folder's id and its own name. */
export type DriveItemAddress = { id: string } | { parentId: string; name: string };

function itemPath(drive: string, item: DriveItemAddress): string {
  return 'id' in item
    ? `${drive}/items/${encodeSegment(item.id)}`
    : `${drive}/items/${encodeSegment(item.parentId)}:/${encodeDrivePath([item.name])}:`;
}

/** The bytes of a drive item (Graph answers with a redirect to a pre-authenticated URL). */
export async function downloadFile(
  client: GraphClient,
  drive: string,
  item: DriveItemAddress,
): Promise<Uint8Array> {
  const reply = await client.send({
    method: 'GET',
    path: `${itemPath(drive, item)}/content`,
    responseType: 'bytes',
  });
  if (!(reply.body instanceof Uint8Array)) {
    throw new GraphError('invalidResponse', { status: reply.status });
  }
  return reply.body;
}
