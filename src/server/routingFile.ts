import { readFile } from 'node:fs/promises';
import { ValidationError } from '../core/errors.js';
import { parseRoutingTable, type RoutingTable } from '../core/routing.js';
import { ConfigError } from './config.js';

/**
 * Reads and validates the routing table. A missing or invalid file stops the start with a
 * message naming the setting and each bad entry.
 */
export async function loadRoutingTable(file: string): Promise<RoutingTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      ['AVVIKELSE_ROUTING_FILE'],
      `Routningstabellen ${file} kan inte läsas / The routing table ${file} cannot be read.`,
      { cause: error },
    );
  }
  try {
    return parseRoutingTable(JSON.parse(text));
  } catch (error) {
    const detail =
      error instanceof ValidationError
        ? error.issues.map((issue) => `  ${issue.field}: ${issue.message.sv} / ${issue.message.en}`)
        : [`  ${error instanceof Error ? error.message : String(error)}`];
    throw new ConfigError(
      ['AVVIKELSE_ROUTING_FILE'],
      [
        `Routningstabellen ${file} är ogiltig / The routing table ${file} is invalid:`,
        ...detail,
      ].join('\n'),
      { cause: error },
    );
  }
}
