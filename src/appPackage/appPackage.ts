import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { zipSync, type Zippable } from 'fflate';
import type { PackageSettings } from '../server/config.js';
import { decodePng, PngError, pngSize } from './png.js';

/**
 * The one app package for Teams and Outlook: the unified manifest template (`appPackage/
 * manifest.json`) rendered with the organisation's values, its icons and localisation files, zipped
 * flat (`appPackage/build/avvikelse-<version>.zip`) and validated offline against the JSON schemas
 * `@microsoft/app-manifest` bundles, plus the XML add-in manifest for older Outlook clients. A
 * broken manifest is refused with the JSON path of each bad field.
 */

/** Why the package could not be built; `problems` name each file and field. */
export class PackageError extends Error {
  constructor(
    readonly reason: 'unknownPlaceholder' | 'invalidPackage',
    readonly problems: string[],
  ) {
    super(
      `${
        reason === 'unknownPlaceholder'
          ? 'Mallen har platshållare utan värde / The template has placeholders without a value'
          : 'Appaketet är ogiltigt / The app package is not valid'
      }:\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
    );
    this.name = 'PackageError';
  }
}

const placeholder = /\$\{\{(\w+)\}\}/g;

/** Replaces every `${{NAME}}` with its value; an unknown name is refused, never left in. */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const unknown = new Set<string>();
  const rendered = template.replace(placeholder, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) {
      unknown.add(name);
      return whole;
    }
    return values[name] ?? '';
  });
  if (unknown.size > 0) {
    throw new PackageError(
      'unknownPlaceholder',
      [...unknown].map((name) => `\${{${name}}}`),
    );
  }
  return rendered;
}

/** A JSON string as a template value: quotes and backslashes escaped, so a value cannot break it. */
function jsonValues(settings: PackageSettings): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings).map(([name, value]: [string, string]) => [
      name,
      JSON.stringify(value).slice(1, -1),
    ]),
  );
}

/** An XML attribute or text value: the five special characters escaped. */
function xmlValues(settings: PackageSettings): Record<string, string> {
  const escape = (value: string): string =>
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;');
  return Object.fromEntries(
    Object.entries(settings).map(([name, value]: [string, string]) => [name, escape(value)]),
  );
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a localisation key such as `bots[0].commandLists[0].commands[1].title`. */
function valueAt(manifest: Json, key: string): Json | undefined {
  let current: Json | undefined = manifest;
  for (const [, name, index] of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (name !== undefined) current = isObject(current) ? current[name] : undefined;
    else current = Array.isArray(current) ? current[Number(index)] : undefined;
  }
  return current;
}

/** The schema parameter's type of validateAgainstSchema; the library validates any schema with it. */
type LocalizationSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** The bundled localisation schema of the manifest's version (draft-04, as Microsoft publishes it). */
async function localizationSchema(manifestVersion: string): Promise<LocalizationSchema> {
  const packageJson = createRequire(import.meta.url).resolve(
    '@microsoft/app-manifest/package.json',
  );
  const file = path.join(
    path.dirname(packageJson),
    'build/json-schemas/teams',
    `v${manifestVersion}`,
    'MicrosoftTeams.Localization.schema.json',
  );
  const schema = JSON.parse(await readFile(file, 'utf8')) as {
    patternProperties?: Record<string, unknown>;
  };
  // Microsoft's activity-type keys end in `\b]` with the `]` unescaped, which ajv's unicode
  // regular expressions refuse; escaped, the pattern means what its authors meant.
  schema.patternProperties = Object.fromEntries(
    Object.entries(schema.patternProperties ?? {}).map(([pattern, rule]) => [
      pattern.replaceAll('\\b]', '\\b\\]'),
      rule,
    ]),
  );
  return schema as LocalizationSchema;
}

function parseJson(name: string, bytes: Uint8Array, problems: string[]): Json | undefined {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
  } catch {
    // The parser's message may quote the file; the file's name is what the reader needs.
    problems.push(`${name}: inte giltig JSON / not valid JSON`);
    return undefined;
  }
}

/** Teams' sizes: colour 192×192, outline 32×32 in white on transparent (the host tints it). */
function checkIcon(name: string, bytes: Uint8Array, kind: 'color' | 'outline'): string[] {
  const want = kind === 'color' ? 192 : 32;
  let size: { width: number; height: number };
  try {
    size = pngSize(bytes);
  } catch (error) {
    if (error instanceof PngError) return [`${name}: ingen PNG-bild / not a PNG image`];
    throw error;
  }
  if (size.width !== want || size.height !== want) {
    return [`${name}: ${size.width}×${size.height}, ska vara / must be ${want}×${want}`];
  }
  if (kind === 'color') return [];
  const { data } = decodePng(bytes);
  for (let at = 0; at < data.length; at += 4) {
    const opaque = (data[at + 3] ?? 0) > 0;
    const whiteish = data[at] === 255 && data[at + 1] === 255 && data[at + 2] === 255;
    if (opaque && !whiteish) {
      return [`${name}: ska vara vit på transparent / must be white on transparent`];
    }
  }
  return [];
}

/**
 * Every problem of a package's files (manifest.json, icons, localisation files at the root), each
 * naming the file and the JSON path of the field; empty when the package is valid.
 */
export async function validatePackage(files: ReadonlyMap<string, Uint8Array>): Promise<string[]> {
  const problems: string[] = [];
  const manifestBytes = files.get('manifest.json');
  if (manifestBytes === undefined) return ['manifest.json: saknas / missing'];
  const manifest = parseJson('manifest.json', manifestBytes, problems);
  if (!isObject(manifest)) return problems.length > 0 ? problems : ['manifest.json: no object'];

  const schemaErrors = await AppManifestUtils.validateAgainstSchema(
    manifest as unknown as AppManifest,
  );
  problems.push(...schemaErrors.map((error) => `manifest.json: ${error}`));

  const icons = isObject(manifest.icons) ? manifest.icons : {};
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    if (typeof name !== 'string') continue; // the schema check names it
    const bytes = files.get(name);
    if (bytes === undefined) problems.push(`${name} (/icons/${kind}): saknas / missing`);
    else problems.push(...checkIcon(name, bytes, kind));
  }

  const localization = isObject(manifest.localizationInfo) ? manifest.localizationInfo : {};
  const languages = [
    ...(typeof localization.defaultLanguageFile === 'string'
      ? [{ file: localization.defaultLanguageFile, at: '/localizationInfo/defaultLanguageFile' }]
      : []),
    ...(Array.isArray(localization.additionalLanguages) ? localization.additionalLanguages : [])
      .map((language, index) => ({
        file: isObject(language) ? language.file : undefined,
        at: `/localizationInfo/additionalLanguages/${index}/file`,
      }))
      .filter((language): language is { file: string; at: string } => {
        return typeof language.file === 'string';
      }),
  ];
  const schema =
    languages.length > 0 && typeof manifest.manifestVersion === 'string'
      ? await localizationSchema(manifest.manifestVersion)
      : undefined;
  for (const { file, at } of languages) {
    const bytes = files.get(file);
    if (bytes === undefined) {
      problems.push(`${file} (${at}): saknas / missing`);
      continue;
    }
    const strings = parseJson(file, bytes, problems);
    if (!isObject(strings) || schema === undefined) continue;
    const errors = await AppManifestUtils.validateAgainstSchema(
      strings as unknown as AppManifest,
      schema,
    );
    problems.push(...errors.map((error) => `${file}: ${error}`));
    // The schema knows which keys may be translated; only the manifest knows which exist.
    for (const key of Object.keys(strings).filter((name) => name !== '$schema')) {
      if (typeof valueAt(manifest, key) !== 'string') {
        problems.push(`${file}: /${key} finns inte i manifestet / is not in the manifest`);
      }
    }
  }

  // Teams SSO: the App ID URI's host must be one of the app's valid domains.
  const sso = isObject(manifest.webApplicationInfo) ? manifest.webApplicationInfo.resource : null;
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  if (typeof sso === 'string' && !domains.includes(new URL(sso).host)) {
    problems.push(
      `manifest.json: /webApplicationInfo/resource ${sso} ligger inte i / is not in /validDomains`,
    );
  }
  return problems;
}

/** Where the templates are and where the package goes. */
export interface BuildOptions {
  settings: PackageSettings;
  /** The folder with manifest.json, outlook-addin.xml, the icons and localisation files. */
  templateDir: string;
  /** Where the zip and the rendered XML manifest are written. */
  outDir: string;
}

/** What was built. */
export interface BuiltPackage {
  zipFile: string;
  xmlFile: string;
  /** The files in the zip, by name. */
  files: Map<string, Uint8Array>;
}

/** A fixed time for every zip entry, so the same input gives the same zip. */
const zipTime = new Date('2026-01-01T00:00:00Z');

/** Renders, validates and zips the app package; throws PackageError naming each problem. */
export async function buildAppPackage(options: BuildOptions): Promise<BuiltPackage> {
  const { settings, templateDir, outDir } = options;
  const template = await readFile(path.join(templateDir, 'manifest.json'), 'utf8');
  const manifestText = renderTemplate(template, jsonValues(settings));
  const files = new Map<string, Uint8Array>([['manifest.json', Buffer.from(manifestText)]]);
  // Every file the manifest names beside itself: the icons and the localisation files.
  const manifest = JSON.parse(manifestText) as Json;
  const named = new Set<string>();
  const icons = isObject(manifest) && isObject(manifest.icons) ? manifest.icons : {};
  for (const icon of Object.values(icons)) if (typeof icon === 'string') named.add(icon);
  const localization =
    isObject(manifest) && isObject(manifest.localizationInfo) ? manifest.localizationInfo : {};
  if (typeof localization.defaultLanguageFile === 'string') {
    named.add(localization.defaultLanguageFile);
  }
  for (const language of Array.isArray(localization.additionalLanguages)
    ? localization.additionalLanguages
    : []) {
    if (isObject(language) && typeof language.file === 'string') named.add(language.file);
  }
  for (const name of named) {
    // Only plain names: the package is flat, and nothing may be read from outside the folder.
    if (name !== path.basename(name)) continue;
    const bytes = await readFile(path.join(templateDir, name)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (bytes !== undefined) files.set(name, bytes);
  }

  const problems = await validatePackage(files);
  if (problems.length > 0) throw new PackageError('invalidPackage', problems);

  const xmlTemplate = await readFile(path.join(templateDir, 'outlook-addin.xml'), 'utf8');
  const xml = renderTemplate(xmlTemplate, xmlValues(settings));

  await mkdir(outDir, { recursive: true });
  const zipFile = path.join(outDir, `avvikelse-${settings.APP_VERSION}.zip`);
  const entries: Zippable = {};
  for (const [name, bytes] of files) entries[name] = [bytes, { mtime: zipTime }];
  await writeFile(zipFile, zipSync(entries, { level: 9 }));
  const xmlFile = path.join(outDir, 'outlook-addin.xml');
  await writeFile(xmlFile, xml);
  await writeFile(path.join(outDir, 'manifest.json'), manifestText);
  return { zipFile, xmlFile, files };
}
