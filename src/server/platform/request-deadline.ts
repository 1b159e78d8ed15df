import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    deadlineTimer: NodeJS.Timeout | null;
  }
}

/**
 * Every API request is answered within a deadline counted from when its body has arrived (a slow upload is not
 * held against it): past it the answer is a 503 with Retry-After, whatever the handler is still waiting for (a
 * frozen database, say). The database's own bounds (connect, statement) usually answer first; this is the last
 * line. Work still running is abandoned: changes commit in one transaction or not at all.
 */
export function registerRequestDeadline(app: FastifyInstance, deadlineMs: number): void {
  app.decorateRequest('deadlineTimer', null);
  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    request.deadlineTimer = setTimeout(() => {
      if (reply.sent) return;
      request.log.warn({ url: request.routeOptions.url, deadlineMs }, 'request deadline passed: answering 503');
      void reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({
          error: {
            code: 'request_deadline',
            message: 'Lantern could not finish this in time. Please try again in a minute.',
          },
        });
    }, deadlineMs);
    request.deadlineTimer.unref();
  });
  const clear = async (request: FastifyRequest): Promise<void> => {
    if (request.deadlineTimer) clearTimeout(request.deadlineTimer);
  };
  app.addHook('onResponse', clear);
  app.addHook('onRequestAbort', clear);
}
