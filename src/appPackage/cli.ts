import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, loadPackageSettings } from '../server/config.js';
import { buildAppPackage, PackageError } from './appPackage.js';
import { encodedIconFiles } from './icons.js';

/**
 * `npm run package`: the app package from the environment's settings, into appPackage/build/.
 * `npm run icons`: the icons drawn anew into appPackage/ and src/outlook/public/.
 * Problems are printed in Swedish and English with exit status 1.
 */

/** The repository root, from both src/appPackage and dist/appPackage. */
const root = fileURLToPath(new URL('../../', import.meta.url));

async function packageCommand(): Promise<void> {
  const raw: unknown = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const { version } = z.object({ version: z.string() }).parse(raw);
  const built = await buildAppPackage({
    settings: loadPackageSettings(process.env, version),
    templateDir: path.join(root, 'appPackage'),
    outDir: path.join(root, 'appPackage/build'),
  });
  process.stdout.write(
    [
      'Appaketet är byggt och giltigt / The app package is built and valid:',
      `  ${path.relative(root, built.zipFile)} (${[...built.files.keys()].join(', ')})`,
      `  ${path.relative(root, built.xmlFile)}`,
      '',
    ].join('\n'),
  );
}

async function iconsCommand(): Promise<void> {
  for (const [file, bytes] of encodedIconFiles()) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
    process.stdout.write(`${file}\n`);
  }
}

const commands: Record<string, () => Promise<void>> = {
  package: packageCommand,
  icons: iconsCommand,
};

const name = process.argv[2] ?? '';
const command = commands[name];
if (command === undefined) {
  process.stderr.write(`Use: node dist/appPackage/cli.js ${Object.keys(commands).join('|')}\n`);
  process.exit(2);
}
command().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof PackageError;
  process.stderr.write(`${known ? error.message : String(error)}\n`);
  process.exit(1);
});
