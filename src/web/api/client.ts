import type { z } from 'zod';
import { errorBodySchema } from '../../shared/errors.ts';
import { sessionInfoSchema, type SessionInfo } from '../../shared/identity.ts';
import {
  csrfTokenFor,
  hasSession,
  noteActivity,
  noteSessionInfo,
  realmOfApiPath,
  reportSessionEnded,
} from '../session/session-state.ts';

/**
 * An API failure as the web app sees it: the server's `{error: {code, message, field?}}`, or a
 * synthetic code when there was no usable reply (`network_error`, `bad_response`).
 * `status` is 0 when the request never got an HTTP answer.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth retrying: the network failed or the server had a problem; a 4xx will not change on retry. */
  get isTransient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** A 401 is an expected answer here (asking whether a session exists), not news that the session ended. */
  expectSignedOut?: boolean;
  /** A background read the server does not count as activity (the bell's polling), so neither does the idle timer. */
  background?: boolean;
}

/** The session status reads; the server does not count them as activity, so neither does the idle timer. */
const sessionStatusPaths = new Set(['/session', '/staff/session']);

/**
 * Calls the Lantern API under `/api` and checks the reply against the shared zod schema, so a
 * server/web mismatch fails loudly here instead of as `undefined` deep in a component.
 * State-changing requests carry the CSRF token of the latest SessionInfo of the path's realm; every
 * SessionInfo reply renews that token and the idle deadline; a 401 `not_signed_in` to a request made
 * with a session reports that the session ended (the app then signs out locally).
 */
export async function apiRequest<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const realm = realmOfApiPath(path);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const csrfToken = csrfTokenFor(realm);
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const hadSession = hasSession(realm);

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, payload);
    if (error.status === 401 && error.code === 'not_signed_in' && hadSession && !options.expectSignedOut)
      reportSessionEnded(realm);
    throw error;
  }

  const parsed = schema.safeParse(payload);
  if (!parsed.success)
    throw new ApiError(response.status, 'bad_response', `Unexpected reply from ${method} /api${path}.`);
  const isStatusRead = method === 'GET' && sessionStatusPaths.has(path);
  if ((schema as z.ZodType) === sessionInfoSchema) {
    noteSessionInfo(
      parsed.data as SessionInfo,
      isStatusRead ? 'status' : path.endsWith('/keep-alive') ? 'kept' : 'opened',
    );
  } else if (!isStatusRead && !options.background && !path.startsWith('/public/') && hadSession) {
    noteActivity(realm);
  }
  return parsed.data;
}

/** GET shorthand, the form TanStack Query `queryFn`s use. */
export function apiGet<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  return apiRequest('GET', path, schema, { signal });
}

/**
 * Downloads a file the API produces (a CSV export) as a Blob, with the same errors as apiRequest. GET only,
 * so no CSRF token is needed; it counts as activity like any other request with a session.
 */
export async function apiDownload(path: string, signal?: AbortSignal): Promise<Blob> {
  const realm = realmOfApiPath(path);
  const hadSession = hasSession(realm);
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: 'GET', credentials: 'same-origin', signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (!response.ok) {
    const error = toApiError(response.status, await readJson(response));
    if (error.status === 401 && error.code === 'not_signed_in' && hadSession) reportSessionEnded(realm);
    throw error;
  }
  if (hadSession) noteActivity(realm);
  return response.blob();
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(payload);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError(status, code, message, field);
  }
  return new ApiError(status, 'bad_response', `The server answered with status ${status}.`);
}
