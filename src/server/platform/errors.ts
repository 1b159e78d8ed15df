import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import type { ErrorBody } from '../../shared/errors.ts';
import { isDatabaseUnavailable } from './db-unavailable.ts';

/** The one status table: every error code a service may raise, and the HTTP status it becomes. */
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorKind = keyof typeof errorStatus;

/**
 * A domain error with a stable code (`activation_code_expired`) and the kind that decides its status.
 * Services raise these; they never know about HTTP.
 */
export class AppError extends Error {
  /** When set, the reply says when to try again (Retry-After, in seconds). */
  readonly retryAfterSeconds?: number;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'The requested item'): AppError =>
  new AppError('not_found', 'not_found', `${what} was not found.`);
export const badInput = (field: string, message: string): AppError =>
  new AppError('validation_failed', 'validation_failed', message, field);

function body(code: string, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

/** How long a client is asked to wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

/** The database cannot be reached or cannot answer in time: a temporary condition, retried after a while. */
export class DatabaseUnavailableError extends AppError {
  override readonly retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
  constructor() {
    super(
      'unavailable',
      'database_unavailable',
      'Lantern can’t reach its database right now. Please try again in a minute.',
    );
  }
}

/**
 * Maps every thrown error to the one JSON shape; 5xx replies never carry stack traces, SQL or internals. A database
 * that cannot be reached or cannot answer in time is a 503 with Retry-After, logged once per outage (at most once a
 * minute) with its cause, not once per request.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  let lastOutageLog = 0;
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (!(err instanceof AppError) && isDatabaseUnavailable(err)) {
      if (Date.now() - lastOutageLog > 60_000) {
        lastOutageLog = Date.now();
        const e = err as { code?: unknown; message?: unknown };
        request.log.warn({ cause: { code: e.code, message: e.message } }, 'database unavailable: answering 503');
      }
      err = new DatabaseUnavailableError();
    }
    if (err instanceof AppError) {
      if (err.retryAfterSeconds) void reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(errorStatus[err.kind]).send(body(err.code, err.message, err.field));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? 'body';
      // Body fields are named as the client sent them ("email"); query and path fields keep their place ("query.q").
      const parts = first ? pathOf(first.instancePath) : [];
      const field = where === 'body' && parts.length ? parts.join('.') : [where, ...parts].join('.');
      return reply.status(400).send(body('validation_failed', `${field}: ${first?.message ?? 'invalid'}`, field));
    }
    if (err instanceof ZodError) {
      const first = err.issues[0];
      const field = first?.path.join('.') || '(root)';
      return reply.status(400).send(body('validation_failed', `${field}: ${first?.message ?? 'invalid'}`, field));
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 429)
      return reply.status(429).send(body('rate_limited', 'Too many requests. Please wait and try again.'));
    if (status >= 400 && status < 500) {
      const code = (err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : 'bad_request';
      return reply.status(status).send(body(code, safeClientMessage(err)));
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send(body('internal', 'Something went wrong on our side. Please try again; if it keeps happening, call us.'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('not_found', 'The requested item was not found.'));
  });
}

function pathOf(instancePath: string): string[] {
  return instancePath.split('/').filter(Boolean);
}

/** Fastify's own 4xx messages (bad JSON, wrong content type) are safe to show; strip anything else. */
function safeClientMessage(err: Error): string {
  return err.message.replace(/\s+/g, ' ').slice(0, 200);
}

/** True for a unique-constraint violation on either engine (the database enforcing "one account per patient"). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
