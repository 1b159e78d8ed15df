import type { FastifyReply } from 'fastify';
import { REPLAY_HEADER } from '../../shared/idempotency.ts';

/**
 * The answer to a change sent with an idempotency key: 201 the first time; the same body with 200 and the replay
 * header when the key was seen before (a double click, a retry after a lost answer).
 */
export function sendOnce(reply: FastifyReply, created: boolean, body: unknown): FastifyReply {
  if (!created) void reply.header(REPLAY_HEADER, 'true');
  return reply.status(created ? 201 : 200).send(body);
}
