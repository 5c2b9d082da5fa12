import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../core/errors.js';

/**
 * Serves a page Vite built (the tab at `/tab/`, the Outlook pane at `/outlook/`): the page under
 * its prefix with a Content-Security-Policy, hashed assets cached for good and sent
 * pre-compressed, everything else revalidated. Every file comes from this server (SPEC §7).
 */

/** How long a browser may keep a hashed asset: a year, never revalidated (its name changes with it). */
const immutableAsset = 'public, max-age=31536000, immutable';

/** Whether a requested path looks like a file (has an extension) rather than an app route. */
function looksLikeFile(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return /\.[a-z0-9]+$/i.test(pathname);
}

/** What registerBuiltApp needs. */
export interface BuiltAppOptions {
  /** The URL prefix without a trailing slash, e.g. `/tab`. */
  prefix: string;
  /** The folder Vite built into; served only when it holds index.html. */
  root: string;
  /** The Content-Security-Policy of every answer under the prefix. */
  policy: string;
  /** Routes of the app's own beside its files (run-time settings), registered in its scope. */
  routes?: (scope: FastifyInstance) => void;
}

/**
 * Registers a built app when its index.html exists; returns whether it did. Without a build (a
 * fresh clone before `npm run build`) the door is left out, so start-up does not announce it.
 */
export async function registerBuiltApp(
  app: FastifyInstance,
  options: BuiltAppOptions,
): Promise<boolean> {
  const root = path.resolve(options.root);
  const { prefix, policy } = options;
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root, prefix }, 'not built (no index.html): run npm run build');
    return false;
  }

  app.get(prefix, (_request, reply) => reply.redirect(`${prefix}/`, 301));

  await app.register(
    async (scope) => {
      scope.addHook('onSend', async (_request, reply, payload) => {
        // These pages are framed by Teams and Outlook: their policy's frame-ancestors says by
        // whom, replacing the door's policy and X-Frame-Options (httpSecurity.ts), which forbid it.
        reply.header('content-security-policy', policy);
        reply.removeHeader('x-frame-options');
        reply.header('referrer-policy', 'same-origin');
        return payload;
      });

      await scope.register(fastifyStatic, {
        root,
        // The prefix itself and app routes are answered below with index.html.
        index: false,
        wildcard: true,
        // Vite writes `.gz` and `.br` next to each file; send them to browsers that accept them.
        preCompressed: true,
        cacheControl: false,
        setHeaders: (response, filePath) => {
          const hashed = path.relative(root, filePath).split(path.sep)[0] === 'assets';
          response.setHeader('cache-control', hashed ? immutableAsset : 'no-cache');
        },
      });

      const sendIndex = (reply: FastifyReply) =>
        // no-cache: always revalidated, so a new build's hashed files are picked up at once.
        reply.header('cache-control', 'no-cache').sendFile('index.html');

      // Only `<prefix>/`: the bare prefix redirects to it, so relative addresses resolve alike.
      scope.get('/', { prefixTrailingSlash: 'slash' }, (_request, reply) => sendIndex(reply));
      options.routes?.(scope);

      // Routes of a single-page app typed by hand get the app; a missing file (an asset of an
      // old build) stays a 404, so a script is never answered with HTML.
      scope.setNotFoundHandler((request, reply) => {
        if (
          (request.method === 'GET' || request.method === 'HEAD') &&
          !looksLikeFile(request.url)
        ) {
          return sendIndex(reply);
        }
        // Answered by the app's one error mapping, as every other 404.
        throw new NotFoundError({ sv: 'Filen', en: 'The file' });
      });
    },
    { prefix },
  );
  return true;
}
