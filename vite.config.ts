import { readFile, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Builds the investigator tab (`src/tabs`) into `dist/tab/`, which the server serves at `/tab/`.
 * Everything the page needs is bundled: no CDN, font service or telemetry at run time (SPEC §7).
 */

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * Packages that must never reach the browser bundle: server-only code, and heavy core modules
 * (date-holidays comes with `src/core/calendar.ts`, via `clocks.ts`). Vite would otherwise
 * replace a Node built-in with an empty stub and only warn, and the page would fail at run time.
 */
const serverOnlyPackages = [
  'better-sqlite3',
  'pino',
  'fastify',
  'botbuilder',
  'pdfkit',
  'jose',
  'date-holidays',
];
/** Source folders the tab may not import from (the doors and stores, and Node-only core modules). */
const serverOnlySources = [
  'src/server/',
  'src/store/',
  'src/bot/',
  'src/core/service.ts',
  'src/core/calendar.ts',
  'src/core/clocks.ts',
  // The PDF writer only: the document models (the report's sections) are plain data the tab shows.
  'src/core/documents/pdf.ts',
  'src/core/attachments.ts',
];

function packageName(source: string): string {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? source);
}

/** Fails the build, naming the importer, when anything Node-only is imported into the tab. */
export function browserOnly(): Plugin {
  return {
    name: 'avvikelse:browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      const from =
        importer === undefined ? '' : ` (imported by ${path.relative(repoRoot, importer)})`;
      if (source.startsWith('node:') || isBuiltin(source)) {
        this.error(`The tab runs in a browser: the Node module "${source}" cannot be used${from}.`);
      }
      if (serverOnlyPackages.includes(packageName(source))) {
        this.error(`"${source}" is server-only and must not be bundled into the tab${from}.`);
      }
      if (importer !== undefined && source.startsWith('.')) {
        const target = path
          .relative(repoRoot, path.resolve(path.dirname(importer), source))
          .replace(/\\/g, '/')
          .replace(/\.js$/, '.ts');
        const forbidden = serverOnlySources.find((prefix) => target.startsWith(prefix));
        if (forbidden !== undefined) {
          this.error(`"${target}" is server-only and must not be bundled into the tab${from}.`);
        }
      }
      return null;
    },
  };
}

/**
 * Writes `.gz` and `.br` beside every script, style and page, so the server sends compressed
 * files without compressing on each request (`preCompressed` in src/server/tabRoutes.ts).
 */
export function precompress(): Plugin {
  return {
    name: 'avvikelse:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (dir === undefined) return;
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html)$/.test(fileName)) continue;
        const file = path.join(dir, fileName);
        const content = await readFile(file);
        await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  root: path.join(repoRoot, 'src/tabs'),
  base: '/tab/',
  plugins: [browserOnly(), react(), precompress()],
  build: {
    outDir: path.join(repoRoot, 'dist/tab'),
    emptyOutDir: true,
    // The bench reads the entry's static imports from the manifest to report the initial size.
    manifest: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // The app, and the team tab's configuration page Teams shows when the tab is added.
      input: {
        index: path.join(repoRoot, 'src/tabs/index.html'),
        config: path.join(repoRoot, 'src/tabs/config.html'),
      },
      output: {
        // React in a chunk of its own: it changes least, so browsers keep it across releases.
        manualChunks(id) {
          return /\/node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : undefined;
        },
        // Readable names for the lazy clients (Rollup would call them after their folder).
        chunkFileNames(chunk) {
          const source = chunk.facadeModuleId ?? '';
          if (source.includes('/@microsoft/teams-js/')) return 'assets/teams-js-[hash].js';
          if (source.includes('/@azure/msal-browser/')) return 'assets/msal-[hash].js';
          return 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [repoRoot] },
    // `npm run dev:tab` with `npm start` running: the API stays on the product's own server.
    proxy: {
      '/api': 'http://127.0.0.1:3978',
      '/dev': 'http://127.0.0.1:3978',
      '/tab/config.json': 'http://127.0.0.1:3978',
    },
  },
});
