import type { FastifyInstance } from 'fastify';

export type WebMode = 'production' | 'development' | 'none';

/** Serves the web app: built files in production, Vite with reload in development. */
export async function registerWeb(_app: FastifyInstance, mode: WebMode): Promise<void> {
  if (mode === 'none') return;
  throw new Error(`web mode ${mode} is not implemented yet`);
}
