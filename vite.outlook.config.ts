import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { browserOnly, precompress } from './vite.config.js';

/**
 * Builds the Outlook action (`src/outlook`) into `dist/outlook/`, which the server serves at
 * `/outlook/`, in two passes (`npm run build:outlook`):
 * - the task pane (index.html), a React app like the tab, with the same guard against anything
 *   of Node or the server in the bundle;
 * - `--mode commands`: the send-time check as one classic script (`commands.js`), since classic
 *   Outlook on Windows runs it in a JavaScript-only runtime that loads no modules.
 * Office.js is the one script from elsewhere, Microsoft's own, loaded by the pages themselves.
 */

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(repoRoot, 'dist/outlook');

export default defineConfig(({ mode }) =>
  mode === 'commands'
    ? {
        root: path.join(repoRoot, 'src/outlook'),
        publicDir: false,
        plugins: [browserOnly(), precompress()],
        build: {
          outDir,
          // The pane's pass runs first and empties the folder; this one adds to it.
          emptyOutDir: false,
          target: 'es2017',
          sourcemap: true,
          lib: {
            entry: path.join(repoRoot, 'src/outlook/commands/commands.ts'),
            formats: ['iife'],
            name: 'avvikelseCommands',
            fileName: () => 'commands.js',
          },
        },
      }
    : {
        root: path.join(repoRoot, 'src/outlook'),
        base: '/outlook/',
        plugins: [browserOnly(), react(), precompress()],
        build: {
          outDir,
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: true,
          rollupOptions: {
            output: {
              // React in a chunk of its own, as in the tab: it changes least.
              manualChunks(id) {
                return /\/node_modules\/(react|react-dom|scheduler)\//.test(id)
                  ? 'react'
                  : undefined;
              },
              chunkFileNames(chunk) {
                return (chunk.facadeModuleId ?? '').includes('/@azure/msal-browser/')
                  ? 'assets/msal-[hash].js'
                  : 'assets/[name]-[hash].js';
              },
            },
          },
        },
        server: {
          host: '127.0.0.1',
          fs: { allow: [repoRoot] },
          proxy: {
            '/api': 'http://127.0.0.1:3978',
            '/dev': 'http://127.0.0.1:3978',
            '/outlook/config.json': 'http://127.0.0.1:3978',
          },
        },
      },
);
