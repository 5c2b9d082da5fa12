import type { LocalizedText } from '../core/i18n.js';
import { stderrLogger } from '../core/logger.js';
import { createGraphClient, type GraphClient } from '../graph/graphClient.js';
import { provisionRegistry } from '../graph/provision.js';
import { isMainModule } from './mainModule.js';
import { ConfigError, loadConfig } from './config.js';
import { loadRoutingTable } from './routingFile.js';
import { checkRoutingForSharePoint, graphTokenSource } from './registry.js';

/**
 * `npm run provision [-- --check]`: lays out (or, with `--check`, only inspects) the registry on
 * the SharePoint site of the settings, from the store's layout and the routing table, and prints
 * what it changed. Exit status: 0 done (or, with --check, nothing to change), 1 problems to fix by
 * hand (or, with --check, changes waiting), 2 the settings or the connection failed.
 */

/** Where the command writes, and (tests) the Graph client to use. */
export interface ProvisionRun {
  out: (line: string) => void;
  client?: GraphClient;
}

function lines(texts: readonly LocalizedText[]): string[] {
  return texts.flatMap((text) => [`  - ${text.sv}`, `    ${text.en}`]);
}

/** Runs the command; resolves to its exit status. */
export async function runProvision(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  run: ProvisionRun,
): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    run.out(`Okänt argument / Unknown argument: ${unknown.join(' ')}`);
    run.out('Användning / Usage: npm run provision [-- --check]');
    return 2;
  }
  const dryRun = argv.includes('--check');
  const config = loadConfig(env);
  if (config.store.kind !== 'sharepoint') {
    throw new ConfigError(
      ['AVVIKELSE_STORE'],
      'Sätt AVVIKELSE_STORE=sharepoint och dess inställningar för att provisionera diariet.\nSet AVVIKELSE_STORE=sharepoint and its settings to provision the registry.',
    );
  }
  const routing = await loadRoutingTable(config.routingFile);
  checkRoutingForSharePoint(routing);
  let client = run.client;
  if (client === undefined) {
    const tokens = await graphTokenSource(config.store, stderrLogger);
    client = createGraphClient({ getToken: () => tokens.appToken(), logger: stderrLogger });
  }
  run.out(
    dryRun
      ? `Granskar diariet på / Checking the registry on ${config.store.siteId} …`
      : `Provisionerar diariet på / Provisioning the registry on ${config.store.siteId} …`,
  );
  const report = await provisionRegistry({
    client,
    siteId: config.store.siteId,
    routing,
    dryRun,
  });
  if (report.changes.length === 0) {
    run.out('Inget att ändra. / Nothing to change.');
  } else {
    run.out(
      dryRun
        ? `${String(report.changes.length)} ändringar behövs / changes are needed:`
        : `${String(report.changes.length)} ändringar gjorda / changes made:`,
    );
    for (const line of lines(report.changes)) run.out(line);
  }
  if (report.problems.length > 0) {
    run.out(`Att åtgärda för hand / To fix by hand (${String(report.problems.length)}):`);
    for (const line of lines(report.problems)) run.out(line);
    return 1;
  }
  return dryRun && report.changes.length > 0 ? 1 : 0;
}

if (isMainModule(import.meta.url)) {
  runProvision(process.argv.slice(2), process.env, {
    out: (line) => {
      process.stdout.write(`${line}\n`);
    },
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(
        `${
          error instanceof ConfigError
            ? error.message
            : `Provisioneringen misslyckades / Provisioning failed: ${
                error instanceof Error ? error.message : String(error)
              }`
        }\n`,
      );
      process.exitCode = 2;
    },
  );
}
