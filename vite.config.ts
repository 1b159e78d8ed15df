import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app: sources in src/web, built to dist/web, which `lantern serve` serves.
 * In development the server runs Vite in middleware mode with this same config (src/server/web.ts).
 */
export default defineConfig({
  root: `${repoRoot}src/web`,
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    // Hashed file names under /assets/ are what lets the server cache them for a year.
    assetsDir: 'assets',
    // dist/web/.vite/manifest.json: which chunks each page loads, for scripts/first-load-size.ts (never served: a dotfile).
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases. Only libraries the
        // first page loads ('$initial': statically imported from the entry) are grouped; one used only by a lazily
        // loaded area (react-markdown and its parsers) stays out of the first load and comes with that area.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              tags: ['$initial'],
            },
            { name: 'mantine', test: /[\\/]node_modules[\\/]@mantine[\\/]/, tags: ['$initial'] },
            // zod-config.ts rides with zod: app chunks that build schemas run after this chunk, so zod is set to
            // jitless (the CSP forbids eval) before any schema exists, whichever chunk defines it.
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/]|[\\/]src[\\/]web[\\/]zod-config\.ts$/,
              tags: ['$initial'],
            },
          ],
        },
      },
    },
  },
});
