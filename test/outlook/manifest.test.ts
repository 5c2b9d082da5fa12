import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { SEND_HANDLER_NAME } from '../../src/outlook/commands/commands.js';

/**
 * The app package's templates: the unified manifest (bot, tab and Outlook add-in), rendered with
 * sample values and validated offline against the schema @microsoft/app-manifest bundles; and
 * the add-in-only XML manifest for older Outlook clients, held to the same ids and addresses.
 * Packaging (icons, zip, localisation) builds on these templates later.
 */

const appPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../appPackage');
const unified = readFileSync(path.join(appPackage, 'manifest.json'), 'utf8');
const xml = readFileSync(path.join(appPackage, 'outlook-addin.xml'), 'utf8');

const sample: Record<string, string> = {
  TEAMS_APP_ID: '3c8b1f6e-2a4d-4f7b-9e1a-5d6c7b8a9f01',
  OUTLOOK_ADDIN_ID: '7d2e4c1a-8b3f-4e6d-9a0b-1c2d3e4f5a6b',
  BOT_ID: '9a1b2c3d-0000-4000-8000-00000000b07a',
  ENTRA_CLIENT_ID: '9a1b2c3d-0000-4000-8000-00000000c1e1',
  AVVIKELSE_HOST: 'avvikelse.stockholm.se',
  APP_VERSION: '1.0.0',
  // The schema allows at most 32 characters here.
  DEVELOPER_NAME: 'Stockholms stad',
};

function placeholders(template: string): string[] {
  return [
    ...new Set([...template.matchAll(/\$\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '')),
  ].sort();
}

/** The template with each `${{NAME}}` replaced; an unknown name fails the test. */
function render(template: string): string {
  return template.replace(/\$\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = sample[name];
    if (value === undefined) throw new Error(`No sample value for \${{${name}}}`);
    return value;
  });
}

const manifest = JSON.parse(render(unified)) as AppManifest & {
  bots: { botId: string }[];
  staticTabs: { contentUrl: string }[];
  extensions: {
    runtimes: {
      id: string;
      code: { page: string; script?: string };
      actions: { id: string; type: string }[];
    }[];
    ribbons: {
      contexts: string[];
      tabs: { groups: { controls: { id: string; actionId: string }[] }[] }[];
    }[];
    autoRunEvents: {
      events: { type: string; actionId: string; options: { sendMode: string } }[];
    }[];
  }[];
};

describe('appPackage/manifest.json (unified manifest)', () => {
  it('uses only the documented placeholders', () => {
    expect(placeholders(unified)).toEqual([
      'APP_VERSION',
      'AVVIKELSE_HOST',
      'BOT_ID',
      'DEVELOPER_NAME',
      'ENTRA_CLIENT_ID',
      'TEAMS_APP_ID',
    ]);
  });

  it('is valid against the bundled schema of its manifest version, offline', async () => {
    expect(manifest.manifestVersion).toBe('1.24');
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
  });

  it('declares the bot, the tab and the Outlook extension on the product’s addresses', () => {
    expect(manifest.bots.map((bot) => bot.botId)).toEqual([sample.BOT_ID]);
    expect(manifest.staticTabs[0]?.contentUrl).toBe('https://avvikelse.stockholm.se/tab/');
    const [extension] = manifest.extensions;
    const pages = extension?.runtimes.map((runtime) => runtime.code);
    expect(pages).toEqual([
      { page: 'https://avvikelse.stockholm.se/outlook/' },
      {
        page: 'https://avvikelse.stockholm.se/outlook/commands.html',
        script: 'https://avvikelse.stockholm.se/outlook/commands.js',
      },
    ]);
  });

  it('opens the pane from the ribbon of a read message and checks every message at send', () => {
    const [extension] = manifest.extensions;
    const actions = new Map(
      extension?.runtimes.flatMap((runtime) => runtime.actions.map((a) => [a.id, a.type] as const)),
    );
    const ribbon = extension?.ribbons[0];
    expect(ribbon?.contexts).toEqual(['mailRead']);
    const control = ribbon?.tabs[0]?.groups[0]?.controls[0];
    expect(control?.id).toBe('reportMisdirectedEmail');
    expect(actions.get(control?.actionId ?? '')).toBe('openPage');
    expect(extension?.autoRunEvents[0]?.events).toEqual([
      { type: 'messageSending', actionId: SEND_HANDLER_NAME, options: { sendMode: 'promptUser' } },
    ]);
    expect(actions.get(SEND_HANDLER_NAME)).toBe('executeFunction');
  });

  it('fails validation when a required part is missing (the check can fail)', async () => {
    const broken: Record<string, unknown> = { ...manifest };
    delete broken.developer;
    expect(
      await AppManifestUtils.validateAgainstSchema(broken as unknown as AppManifest),
    ).not.toEqual([]);
  });
});

describe('appPackage/outlook-addin.xml (add-in-only manifest)', () => {
  const rendered = render(xml);

  it('uses only the documented placeholders', () => {
    expect(placeholders(xml)).toEqual([
      'APP_VERSION',
      'AVVIKELSE_HOST',
      'DEVELOPER_NAME',
      'OUTLOOK_ADDIN_ID',
    ]);
  });

  it('runs the same handler at send, letting the sender send anyway', () => {
    expect(rendered).toContain(
      `<LaunchEvent Type="OnMessageSend" FunctionName="${SEND_HANDLER_NAME}" SendMode="PromptUser"/>`,
    );
    expect(rendered).toContain('<Override type="javascript" resid="SendCheckJs.Url"/>');
  });

  it('points at the pages the product serves, on its own host only', () => {
    const urls = [...rendered.matchAll(/https:\/\/[^"<]+/g)].map((match) => match[0]);
    expect(new Set(urls.map((url) => new URL(url).host))).toEqual(new Set([sample.AVVIKELSE_HOST]));
    for (const served of ['/outlook/', '/outlook/commands.html', '/outlook/commands.js']) {
      expect(urls).toContain(`https://${sample.AVVIKELSE_HOST}${served}`);
    }
  });

  it('puts the ribbon command on read messages, with the unified manifest’s ids', () => {
    expect(rendered).toContain('<ExtensionPoint xsi:type="MessageReadCommandSurface">');
    expect(rendered).toContain('<Control xsi:type="Button" id="reportMisdirectedEmail">');
    expect(rendered).toContain('<Version>1.0.0.0</Version>');
  });
});
