import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, brotliCompressSync } from 'node:zlib';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerErrorHandler } from './platform/errors.ts';
import { registerWeb } from './web.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-web-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('production mode without a build refuses to start and says to run npm run build', async () => {
  const app = Fastify();
  await expect(registerWeb(app, 'production', { buildDir: tempDir() })).rejects.toThrow(/Run `npm run build`/);
  await app.close();
});

describe('production mode on a build', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const buildDir = tempDir();
    mkdirSync(path.join(buildDir, 'assets'));
    writeFileSync(
      path.join(buildDir, 'index.html'),
      '<meta name="csp-nonce" content="__CSP_NONCE__"><div id="root"></div>',
    );
    writeFileSync(path.join(buildDir, 'assets/index-AbC123.js'), 'console.log(1)');
    writeFileSync(path.join(buildDir, 'assets/index-AbC123.js.br'), brotliCompressSync('console.log(1)'));
    writeFileSync(path.join(buildDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = Fastify();
    registerErrorHandler(app);
    await app.register(helmet, { enableCSPNonces: true });
    await app.register(async (api) => api.get('/health', async () => ({ status: 'ok' })), { prefix: '/api' });
    await registerWeb(app, 'production', { buildDir });
    await app.ready();
  });
  afterAll(() => app.close());

  test('sends a hashed asset Brotli-compressed to a browser that accepts it, and plain to one that does not', async () => {
    const br = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
    const plain = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
  });

  test('answers a page path with index.html carrying this response’s style nonce, never cached', async () => {
    const first = await app.inject('/visits/upcoming?x=1');
    const second = await app.inject('/');
    for (const res of [first, second]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const nonce = /content="([^"]+)"/.exec(res.body)?.[1];
      expect(nonce).not.toBe('__CSP_NONCE__');
      expect(res.headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
    }
    expect(first.body).not.toBe(second.body);
  });

  test('serves hashed assets for a year and other files for an hour', async () => {
    const asset = await app.inject('/assets/index-AbC123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  test('keeps the JSON 404 for unknown /api paths and missing assets', async () => {
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    for (const url of ['/api/nope', '/api', '/assets/gone-123.js']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
    const post = await app.inject({ method: 'POST', url: '/some/page' });
    expect(post.statusCode).toBe(404);
  });
});
