import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startTestApp, type TestApp } from './test-app.ts';

/** The real app serving the built web app over HTTP, for a browser to load. */
export interface WebServer {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  baseUrl: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/**
 * Starts the app in production web mode on a fresh test database, listening on 127.0.0.1 on a
 * free port. Serves what `npm run build` last produced, so build first (`npm test` does).
 */
export async function startWebServer(options: Parameters<typeof startTestApp>[0] = {}): Promise<WebServer> {
  const builtIndex = path.join(repoRoot, 'dist/web/index.html');
  if (!existsSync(builtIndex)) {
    throw new Error(
      `The web app has not been built (${builtIndex} is missing). Run \`npm run build\` before the e2e tests.`,
    );
  }
  const testApp = await startTestApp({ ...options, web: 'production' });
  let baseUrl: string;
  try {
    baseUrl = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    await testApp.close();
    throw err;
  }
  return { baseUrl, testApp, close: () => testApp.close() };
}
