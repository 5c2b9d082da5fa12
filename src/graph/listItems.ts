import { z } from 'zod';
import type { GraphClient } from './graphClient.js';
import { encodeSegment } from './paths.js';

/**
 * SharePoint list items through Graph: query with `$filter` on indexed columns (following
 * `@odata.nextLink`), read one with its eTag, and change fields under `If-Match`.
 */

/** A field value as Graph carries it. */
export type FieldValue = string | number | boolean | null;

/** A list item as the store reads it: its id, eTag and fields. */
export const listItemSchema = z.object({
  id: z.string(),
  eTag: z.string().optional(),
  '@odata.etag': z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
});
/** A list item. */
export type ListItem = z.infer<typeof listItemSchema>;

const pageSchema = z.object({
  value: z.array(listItemSchema),
  '@odata.nextLink': z.string().optional(),
});

/** The eTag of an item, from whichever of Graph's two properties carries it. */
export function etagOf(item: ListItem): string {
  const etag = item.eTag ?? item['@odata.etag'];
  if (etag === undefined) throw new TypeError('Graph answered a list item without an eTag.');
  return etag;
}

/** An OData string literal: quoted, with quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `fields/<name> eq <value>` clauses joined by `and`. */
export function fieldsFilter(equals: Record<string, string | number | boolean>): string {
  return Object.entries(equals)
    .map(([name, value]) => {
      const literal = typeof value === 'string' ? odataString(value) : String(value);
      return `fields/${name} eq ${literal}`;
    })
    .join(' and ');
}

/** The path of a list's items on a site. */
export function itemsPath(siteId: string, listId: string): string {
  return `/sites/${encodeSegment(siteId)}/lists/${encodeSegment(listId)}/items`;
}

/** Every item matching `filter` (on indexed columns; all when undefined), all pages, fields expanded. */
export async function queryItems(
  client: GraphClient,
  siteId: string,
  listId: string,
  filter: string | undefined,
  options: { pageSize?: number } = {},
): Promise<ListItem[]> {
  const items: ListItem[] = [];
  let page = await client.json(
    {
      method: 'GET',
      path: itemsPath(siteId, listId),
      query: {
        ...(filter === undefined ? {} : { $filter: filter }),
        $expand: 'fields',
        $top: String(options.pageSize ?? 5000),
      },
    },
    pageSchema,
  );
  items.push(...page.value);
  while (page['@odata.nextLink'] !== undefined) {
    page = await client.json({ method: 'GET', path: page['@odata.nextLink'] }, pageSchema);
    items.push(...page.value);
  }
  return items;
}

/** One item with its fields and eTag. */
export async function getItem(
  client: GraphClient,
  siteId: string,
  listId: string,
  itemId: string,
): Promise<ListItem> {
  return client.json(
    {
      method: 'GET',
      path: `${itemsPath(siteId, listId)}/${encodeSegment(itemId)}`,
      query: { $expand: 'fields' },
    },
    listItemSchema,
  );
}

/** Changes fields of an item; with `ifMatch`, only if nobody changed it since (else 412). */
export async function patchFields(
  client: GraphClient,
  siteId: string,
  listId: string,
  itemId: string,
  fields: Record<string, FieldValue>,
  ifMatch?: string,
): Promise<void> {
  await client.send({
    method: 'PATCH',
    path: `${itemsPath(siteId, listId)}/${encodeSegment(itemId)}/fields`,
    json: fields,
    ...(ifMatch === undefined ? {} : { headers: { 'If-Match': ifMatch } }),
  });
}

/** Adds an item to a generic list. */
export async function createItem(
  client: GraphClient,
  siteId: string,
  listId: string,
  fields: Record<string, FieldValue>,
): Promise<ListItem> {
  return client.json(
    { method: 'POST', path: itemsPath(siteId, listId), json: { fields } },
    listItemSchema,
  );
}

/** A text field, or undefined when absent or not text. */
export function textField(item: ListItem, name: string): string | undefined {
  const value = item.fields[name];
  return typeof value === 'string' ? value : undefined;
}

/** A number field, or undefined when absent or not a number. */
export function numberField(item: ListItem, name: string): number | undefined {
  const value = item.fields[name];
  return typeof value === 'number' ? value : undefined;
}
