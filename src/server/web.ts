import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Plugin, ViteDevServer } from 'vite';

export type WebMode = 'production' | 'development' | 'none';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const webSourceDir = path.join(repoRoot, 'src/web');
const webBuildDir = path.join(repoRoot, 'dist/web');

/** Written in src/web/index.html (and by Vite in development); replaced by each response's CSP style nonce. */
const noncePlaceholder = '__CSP_NONCE__';

/** Hashed file names never change content, so browsers may keep them for a year. */
const hashedAssetCache = 'public, max-age=31536000, immutable';
const otherFileCache = 'public, max-age=3600';

/**
 * Serves the web app: built files in production, Vite with reload in development.
 * Every non-API GET that is not a file gets index.html (the app routes in the browser); unknown
 * `/api` paths keep the JSON 404 of the error handler.
 */
export async function registerWeb(
  app: FastifyInstance,
  mode: WebMode,
  options: { buildDir?: string } = {},
): Promise<void> {
  if (mode === 'none') return;
  if (mode === 'production') return registerBuiltWeb(app, options.buildDir ?? webBuildDir);
  return registerViteDevWeb(app);
}

async function registerBuiltWeb(app: FastifyInstance, buildDir: string): Promise<void> {
  const indexFile = path.join(buildDir, 'index.html');
  let template: string;
  try {
    template = await readFile(indexFile, 'utf8');
  } catch {
    throw new Error(`The web app has not been built: ${indexFile} is missing. Run \`npm run build\` first.`);
  }
  if (!template.includes(noncePlaceholder)) {
    throw new Error(`${indexFile} has no ${noncePlaceholder} placeholder; rebuild it with \`npm run build\`.`);
  }

  await app.register(fastifyStatic, {
    root: buildDir,
    prefix: '/',
    // One route per built file, found at start-up; index.html is only ever sent with its nonce filled in.
    wildcard: false,
    index: false,
    globIgnore: ['index.html', '**/*.br', '**/*.gz'],
    // The .br and .gz copies written at build (scripts/compress-assets.ts), as the browser accepts.
    preCompressed: true,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      const inAssets = path.relative(buildDir, filePath).startsWith(`assets${path.sep}`);
      reply.header('Cache-Control', inAssets ? hashedAssetCache : otherFileCache);
    },
  });

  // The page fallback is public; /api paths it catches get the JSON 404 from the not-found handler.
  app.get('/*', { config: { auth: { public: true } }, schema: { hide: true } }, async (request, reply) => {
    // A missing hashed asset is a 404, not the app: a stale page must not get HTML as JavaScript.
    if (isApiPath(request.url) || pathname(request.url).startsWith('/assets/')) return reply.callNotFound();
    return sendAppHtml(reply, template);
  });
}

async function registerViteDevWeb(app: FastifyInstance): Promise<void> {
  // Imported here so production never loads Vite (a development dependency).
  const { createServer } = await import('vite');
  const { default: middie } = await import('@fastify/middie');

  const vite: ViteDevServer = await createServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    appType: 'custom',
    // Reload over a WebSocket on this same server, so one port serves the API, the app and reloads.
    server: { middlewareMode: true, hmr: { server: app.server } },
    // Vite puts this on the <style> elements it injects for CSS; we swap in the real nonce per response.
    html: { cspNonce: noncePlaceholder },
    plugins: [withoutInlineRefreshPreamble()],
  });
  app.addHook('onClose', async () => vite.close());

  await app.register(middie);
  app.use((req, res, next) => {
    const url = req.url ?? '/';
    if (isApiPath(url) && !isWebSourceFile(url)) return next();
    vite.middlewares(req, res, next);
  });

  // The page fallback is public; /api paths it catches get the JSON 404 from the not-found handler.
  app.get('/*', { config: { auth: { public: true } }, schema: { hide: true } }, async (request, reply) => {
    if (isApiPath(request.url)) return reply.callNotFound();
    const source = await readFile(path.join(webSourceDir, 'index.html'), 'utf8');
    const html = await vite.transformIndexHtml(request.url, source);
    return sendAppHtml(reply, html);
  });
}

/**
 * The React plugin injects its fast-refresh preamble as an inline <script>, which the CSP refuses
 * (script-src 'self', no inline scripts anywhere); main.tsx imports the same preamble as a module.
 */
function withoutInlineRefreshPreamble(): Plugin {
  return {
    name: 'lantern:no-inline-refresh-preamble',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(
          /<script\b(?![^>]*\bsrc=)[^>]*>(?:(?!<\/script>)[\s\S])*?injectIntoGlobalHook[\s\S]*?<\/script>\s*/,
          '',
        ),
    },
  };
}

function sendAppHtml(reply: FastifyReply, template: string): FastifyReply {
  const nonce = reply.cspNonce?.style;
  if (!nonce) throw new Error('No CSP style nonce on the reply: @fastify/helmet must run with enableCSPNonces.');
  return reply
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(template.replaceAll(noncePlaceholder, nonce));
}

/**
 * In development Vite serves the web app's modules at their source paths, and src/web/api/ (the
 * typed client) shares its prefix with the API: /api/client.ts is a module, /api/health a route.
 */
function isWebSourceFile(url: string): boolean {
  try {
    const file = path.join(webSourceDir, decodeURIComponent(pathname(url)));
    return file.startsWith(webSourceDir + path.sep) && statSync(file).isFile();
  } catch {
    return false;
  }
}

function pathname(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function isApiPath(url: string): boolean {
  const p = pathname(url);
  return p === '/api' || p.startsWith('/api/');
}
