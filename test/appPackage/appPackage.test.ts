import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import {
  buildAppPackage,
  PackageError,
  renderTemplate,
  validatePackage,
  type BuiltPackage,
} from '../../src/appPackage/appPackage.js';
import { colorIcon, iconFiles, outlineIcon } from '../../src/appPackage/icons.js';
import { decodePng, encodePng } from '../../src/appPackage/png.js';
import {
  casesTabEntityId,
  newCaseActivityType,
  newCaseTemplateParameter,
} from '../../src/graph/activityFeed.js';
import { ConfigError, loadPackageSettings, type PackageSettings } from '../../src/server/config.js';

/**
 * `npm run package`: the unified manifest rendered with an organisation's values, zipped flat with
 * its icons and localisation files, validated offline against Microsoft's bundled schemas; a
 * broken manifest is refused naming the JSON path of the bad field.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const templateDir = path.join(repoRoot, 'appPackage');

const settings: PackageSettings = {
  TEAMS_APP_ID: '3c8b1f6e-2a4d-4f7b-9e1a-5d6c7b8a9f01',
  OUTLOOK_ADDIN_ID: '7d2e4c1a-8b3f-4e6d-9a0b-1c2d3e4f5a6b',
  BOT_ID: '9a1b2c3d-0000-4000-8000-00000000b07a',
  ENTRA_CLIENT_ID: '9a1b2c3d-0000-4000-8000-00000000c1e1',
  AVVIKELSE_HOST: 'avvikelse.stockholm.se',
  APP_VERSION: '1.2.3',
  DEVELOPER_NAME: 'Stockholms stad',
};

let outDir: string;
const scratch: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

beforeAll(() => {
  outDir = tempDir('avvikelse-package-');
});

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** The package's problems, or a failure if it was built. */
async function refusal(promise: Promise<BuiltPackage>): Promise<PackageError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PackageError) return error;
    throw error;
  }
  throw new Error('the package was built');
}

/** A copy of the templates with one file changed. */
function templatesWith(file: string, change: (text: string) => string | Buffer): string {
  const dir = tempDir('avvikelse-templates-');
  cpSync(templateDir, dir, { recursive: true, filter: (source) => !source.includes('build') });
  writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

type Manifest = Record<string, unknown> & {
  bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
  staticTabs: { entityId: string; scopes: string[]; contentUrl: string }[];
  configurableTabs: { configurationUrl: string; scopes: string[] }[];
  activities: { activityTypes: { type: string; templateText: string }[] };
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  localizationInfo: {
    defaultLanguageTag: string;
    defaultLanguageFile: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
};

describe('the built package', () => {
  let built: BuiltPackage;
  let zipped: Record<string, Uint8Array>;
  let manifest: Manifest;

  beforeAll(async () => {
    built = await buildAppPackage({ settings, templateDir, outDir });
    zipped = unzipSync(readFileSync(built.zipFile));
    manifest = JSON.parse(Buffer.from(zipped['manifest.json'] ?? []).toString()) as Manifest;
  });

  it('is one zip named by the version, with manifest, icons and languages at its root', () => {
    expect(path.basename(built.zipFile)).toBe('avvikelse-1.2.3.zip');
    expect(Object.keys(zipped).sort()).toEqual([
      'color.png',
      'en-US.json',
      'manifest.json',
      'outline.png',
      'sv-SE.json',
    ]);
  });

  it('validates against the bundled schemas, offline', async () => {
    expect(await validatePackage(new Map(Object.entries(zipped)))).toEqual([]);
  });

  it('has every placeholder filled, in the zip and in the XML manifest', () => {
    const text = Buffer.from(zipped['manifest.json'] ?? []).toString();
    const xml = readFileSync(built.xmlFile, 'utf8');
    for (const rendered of [text, xml]) expect(rendered).not.toContain('${{');
    expect(xml).toContain(`<Id>${settings.OUTLOOK_ADDIN_ID}</Id>`);
    expect(xml).toContain('<Version>1.2.3.0</Version>');
    expect(manifest.validDomains).toEqual([settings.AVVIKELSE_HOST]);
  });

  it('declares the bot in personal scope with its three commands', () => {
    const [bot] = manifest.bots;
    expect(bot?.botId).toBe(settings.BOT_ID);
    expect(bot?.scopes).toEqual(['personal']);
    expect(bot?.commandLists[0]?.commands.map((command) => command.title)).toEqual([
      'ny rapport',
      'mina rapporter',
      'hjälp',
    ]);
  });

  it('has the tab for oneself and for a team, with a configuration page the product serves', () => {
    expect(manifest.staticTabs[0]).toMatchObject({
      entityId: casesTabEntityId,
      scopes: ['personal'],
      contentUrl: 'https://avvikelse.stockholm.se/tab/',
    });
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: 'https://avvikelse.stockholm.se/tab/config.html',
        scopes: ['team'],
      }),
    ]);
  });

  it('declares the activity type the feed notifier sends, and SSO on the public host', () => {
    expect(manifest.activities.activityTypes).toEqual([
      expect.objectContaining({
        type: newCaseActivityType,
        templateText: `{${newCaseTemplateParameter}}`,
      }),
    ]);
    expect(manifest.webApplicationInfo).toEqual({
      id: settings.ENTRA_CLIENT_ID,
      resource: `api://avvikelse.stockholm.se/${settings.ENTRA_CLIENT_ID}`,
    });
  });

  it('is Swedish by default, with an English file translating the same strings', () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'sv-SE',
      defaultLanguageFile: 'sv-SE.json',
      additionalLanguages: [{ languageTag: 'en-US', file: 'en-US.json' }],
    });
    const sv = JSON.parse(Buffer.from(zipped['sv-SE.json'] ?? []).toString()) as Record<
      string,
      string
    >;
    const en = JSON.parse(Buffer.from(zipped['en-US.json'] ?? []).toString()) as Record<
      string,
      string
    >;
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    expect(sv['name.full']).toBe((manifest.name as { full: string }).full);
    expect(en['bots[0].commandLists[0].commands[0].title']).toBe('new report');
  });

  it('gives the same zip for the same input', async () => {
    const again = await buildAppPackage({ settings, templateDir, outDir: tempDir('avvikelse-') });
    expect(readFileSync(again.zipFile).equals(readFileSync(built.zipFile))).toBe(true);
  });
});

describe('a broken package is refused, naming the bad field', () => {
  it('names the JSON path of a field the schema refuses', async () => {
    const error = await refusal(
      buildAppPackage({ settings: { ...settings, BOT_ID: 'not-a-guid' }, templateDir, outDir }),
    );
    expect(error.reason).toBe('invalidPackage');
    expect(
      error.problems.some((problem) => problem.startsWith('manifest.json: /bots/0/botId')),
    ).toBe(true);
    expect(error.message).toContain('/bots/0/botId');
  });

  it('names a template field of the wrong kind', async () => {
    const dir = templatesWith('manifest.json', (text) =>
      text.replace('"accentColor": "#1F5F8B"', '"accentColor": "blue"'),
    );
    const error = await refusal(buildAppPackage({ settings, templateDir: dir, outDir }));
    expect(error.problems).toEqual([expect.stringMatching(/^manifest\.json: \/accentColor /)]);
  });

  it('names a translation of a string the manifest does not have', async () => {
    const dir = templatesWith('en-US.json', (text) =>
      text.replace('"staticTabs[0].name"', '"staticTabs[3].name"'),
    );
    const error = await refusal(buildAppPackage({ settings, templateDir: dir, outDir }));
    expect(error.problems).toEqual([
      'en-US.json: /staticTabs[3].name finns inte i manifestet / is not in the manifest',
    ]);
  });

  it('names an outline icon of the wrong size or not white on transparent', async () => {
    const small = templatesWith('outline.png', () => encodePng(outlineIcon(16)));
    expect(
      (await refusal(buildAppPackage({ settings, templateDir: small, outDir }))).problems,
    ).toEqual(['outline.png: 16×16, ska vara / must be 32×32']);
    const coloured = templatesWith('outline.png', () => encodePng(colorIcon(32)));
    expect(
      (await refusal(buildAppPackage({ settings, templateDir: coloured, outDir }))).problems,
    ).toEqual(['outline.png: ska vara vit på transparent / must be white on transparent']);
  });

  it('refuses a placeholder without a value instead of leaving it in', () => {
    expect(() => renderTemplate('{"id":"${{TEAMS_APP_ID}}","x":"${{NOPE}}"}', {})).toThrow(
      PackageError,
    );
    try {
      renderTemplate('"${{NOPE}}"', { TEAMS_APP_ID: 'x' });
    } catch (error) {
      expect((error as PackageError).problems).toEqual(['${{NOPE}}']);
    }
  });

  it('escapes values, so a name with a quote cannot break the JSON or the XML', async () => {
    const built = await buildAppPackage({
      settings: { ...settings, DEVELOPER_NAME: 'Kommun "Öst" & <Väst>' },
      templateDir,
      outDir: tempDir('avvikelse-'),
    });
    const manifest = JSON.parse(Buffer.from(built.files.get('manifest.json') ?? []).toString()) as {
      developer: { name: string };
    };
    expect(manifest.developer.name).toBe('Kommun "Öst" & <Väst>');
    expect(readFileSync(built.xmlFile, 'utf8')).toContain(
      '<ProviderName>Kommun &quot;Öst&quot; &amp; &lt;Väst&gt;</ProviderName>',
    );
  });
});

describe('the package settings', () => {
  const env = {
    TEAMS_APP_ID: settings.TEAMS_APP_ID,
    OUTLOOK_ADDIN_ID: settings.OUTLOOK_ADDIN_ID,
    MICROSOFT_APP_ID: settings.BOT_ID,
    ENTRA_CLIENT_ID: settings.ENTRA_CLIENT_ID,
    AVVIKELSE_PUBLIC_URL: 'https://avvikelse.stockholm.se/',
    AVVIKELSE_DEVELOPER_NAME: 'Stockholms stad',
  };

  it('come from the product’s own settings where they overlap', () => {
    expect(loadPackageSettings(env, '1.2.3')).toEqual(settings);
  });

  it('name every missing or invalid setting', () => {
    const error = (() => {
      try {
        loadPackageSettings(
          { ...env, TEAMS_APP_ID: '', AVVIKELSE_PUBLIC_URL: 'http://avvikelse.stockholm.se' },
          '1.2.3',
        );
      } catch (thrown) {
        if (thrown instanceof ConfigError) return thrown;
        throw thrown;
      }
      throw new Error('the settings were accepted');
    })();
    expect(error.settings).toEqual(['TEAMS_APP_ID', 'AVVIKELSE_PUBLIC_URL']);
    expect(error.message).toContain('The setting TEAMS_APP_ID is missing');
    expect(error.message).toContain('https://');
  });
});

describe('the icons', () => {
  it('are committed as the code draws them, at the sizes the manifests name', () => {
    for (const [file, image] of iconFiles()) {
      const committed = decodePng(readFileSync(path.join(repoRoot, file)));
      expect({ file, width: committed.width, height: committed.height }).toEqual({
        file,
        width: image.width,
        height: image.height,
      });
      expect(Buffer.from(committed.data).equals(Buffer.from(image.data))).toBe(true);
    }
    const outlookSizes = [...iconFiles().keys()]
      .filter((file) => file.startsWith('src/outlook/public/'))
      .map((file) => Number(/icon-(\d+)\.png$/.exec(file)?.[1]));
    expect(outlookSizes).toEqual([16, 32, 64, 80, 128]);
    // Every icon address in the two Outlook manifests is one of these files.
    const templates = ['manifest.json', 'outlook-addin.xml']
      .map((name) => readFileSync(path.join(templateDir, name), 'utf8'))
      .join('\n');
    const named = new Set([...templates.matchAll(/\/outlook\/icon-(\d+)\.png/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(0);
    for (const size of named) expect(outlookSizes).toContain(Number(size));
  });

  it('draw the colour icon opaque and the outline white on transparent', () => {
    const color = colorIcon();
    for (let at = 3; at < color.data.length; at += 4) expect(color.data[at]).toBe(255);
    const outline = outlineIcon();
    let drawn = 0;
    for (let at = 0; at < outline.data.length; at += 4) {
      if (outline.data[at + 3] === 0) continue;
      drawn += 1;
      expect([outline.data[at], outline.data[at + 1], outline.data[at + 2]]).toEqual([
        255, 255, 255,
      ]);
    }
    // Something is drawn, and it is not a filled square.
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan(32 * 32 * 0.6);
  });
});
