import { z } from 'zod';

/**
 * The key a form sends with a change that must happen once: made once per form, kept across retries, so a double
 * click or a retry after a lost answer returns the first result instead of making a second (unique in the database).
 */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Send again from the form.');

/** Set on the answer to a repeated request (same idempotency key): the first answer again, status included. */
export const REPLAY_HEADER = 'idempotent-replayed';
