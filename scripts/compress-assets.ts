/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside each built script, stylesheet and SVG in dist/web/assets, at
 * the highest levels, once per build; `lantern serve` sends the copy the browser accepts (@fastify/static's
 * preCompressed), so the first page travels compressed even without a proxy in front. `npm run build` runs it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const assets = path.resolve(import.meta.dirname, '../dist/web/assets');
let before = 0;
let after = 0;
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const file = path.join(assets, name);
  const body = readFileSync(file);
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  before += body.length;
  after += br.length;
}
console.log(`compressed assets: ${(before / 1000).toFixed(0)} kB → ${(after / 1000).toFixed(0)} kB with Brotli`);
