import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Realm } from '../../db/schema.ts';
import type { RequestOrigin } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { safeEqual } from '../crypto.ts';
import { AppError } from '../errors.ts';
import { roleHolds, type Permission } from '../access/policy.ts';
import type { Session } from './sessions.ts';

/**
 * What a route needs from the caller. Every /api route declares it (`config: { auth: … }`); a route that does not is
 * refused, so forgetting it fails closed.
 * - `public`: anyone; a session of `realm` is still resolved if present (sign-in page, session status).
 * - `{ realm, stage?, permission? }`: a signed-in account of that realm (`either`: patient or staff, for patient-data
 *   routes where the access guard decides); `stage: 'any'` also admits a session still waiting
 *   for its second factor; `permission` limits staff routes to the roles that hold it (platform/access/policy.ts);
 *   `whilePasswordChangeDue` admits a session whose account signed in with a one-time password an admin gave
 *   (every other full-session route refuses it until the password is changed).
 */
export type AuthRequirement =
  | { public: true; realm?: Realm }
  | {
      realm: Realm | 'either';
      stage?: 'any' | 'full';
      permission?: Permission;
      whilePasswordChangeDue?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRequirement;
    /** Background reads (session status polling) do not count as activity. */
    touchesSession?: boolean;
  }
  interface FastifyRequest {
    session: Session | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The cookie names: patients and staff never share a session. `__Host-` pins the cookie to this exact origin over HTTPS. */
export function cookieName(realm: Realm, secure: boolean): string {
  const base = realm === 'staff' ? 'lantern_staff' : 'lantern';
  return secure ? `__Host-${base}` : base;
}

/** The device cookie: remembers that an account signed in fully on this browser (a lock on it does not stop the owner here). */
export function deviceCookieName(realm: Realm, secure: boolean): string {
  const base = realm === 'staff' ? 'lantern_staff_device' : 'lantern_device';
  return secure ? `__Host-${base}` : base;
}

const DEVICE_COOKIE_DAYS = 400; // the longest lifetime browsers keep

export function setDeviceCookie(reply: FastifyReply, ctx: AppContext, realm: Realm, value: string): void {
  const secure = ctx.config.security.secureCookies;
  reply.setCookie(deviceCookieName(realm, secure), value, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: DEVICE_COOKIE_DAYS * 86_400,
  });
}

/** Where a request came from, for audit events and session records. */
export function originOf(request: FastifyRequest): RequestOrigin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS; a browser-session cookie (the server keeps the lifetime). */
export function setSessionCookie(reply: FastifyReply, ctx: AppContext, realm: Realm, value: string): void {
  const secure = ctx.config.security.secureCookies;
  reply.setCookie(cookieName(realm, secure), value, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext, realm: Realm): void {
  const secure = ctx.config.security.secureCookies;
  reply.clearCookie(cookieName(realm, secure), { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/** Resolves the session, enforces each route's AuthRequirement and CSRF on every state-changing request. */
export const sessionPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  const { ctx } = opts;
  await app.register(cookie);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const auth = request.routeOptions.config?.auth;
    if (!auth) {
      if (request.is404) return; // unknown paths reach the not-found handler
      throw new AppError('forbidden', 'route_without_auth', 'This route is not available.');
    }
    const realms: Realm[] = auth.realm === 'either' ? ['patient', 'staff'] : [auth.realm ?? 'patient'];
    for (const realm of realms) {
      request.session ??= await ctx.sessions.resolve(
        request.cookies[cookieName(realm, ctx.config.security.secureCookies)],
        realm,
      );
    }

    if (STATE_CHANGING.has(request.method)) checkCsrf(request, ctx);
    if ('public' in auth) return;

    const s = request.session;
    if (!s) throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
    if (s.stage !== 'full' && auth.stage !== 'any')
      throw new AppError(
        'unauthenticated',
        'second_factor_required',
        'Please finish signing in with your verification code.',
      );
    if (s.passwordChangeDue && auth.stage !== 'any' && !auth.whilePasswordChangeDue)
      throw new AppError(
        'forbidden',
        'password_change_required',
        'Choose a new password first: the one you signed in with was for one time only.',
      );
    if (auth.permission && (s.realm !== 'staff' || !roleHolds(s.staffRole, auth.permission)))
      throw new AppError('forbidden', 'role_required', 'Your role does not allow this.');
    if (request.routeOptions.config?.touchesSession !== false)
      request.session = { ...s, idleExpiresAt: await ctx.sessions.touch(s) };
  });
});

/**
 * CSRF: the Origin (when sent) must be ours, and a request carrying a session must echo that session's token in
 * X-CSRF-Token. Requests without a session (sign-in, sign-up) must be JSON, which a cross-site form cannot send
 * without a CORS preflight that this server never grants (multipart and forms are refused without a session);
 * SameSite=Strict cookies are the third layer.
 */
function checkCsrf(request: FastifyRequest, ctx: AppContext): void {
  const origin = request.headers.origin;
  if (
    origin &&
    origin !== new URL(ctx.config.http.publicUrl).origin &&
    origin !== `${request.protocol}://${request.host}`
  ) {
    throw new AppError('forbidden', 'csrf_origin', 'This request came from another site and was refused.');
  }
  if (request.session) {
    const token = request.headers['x-csrf-token'];
    if (typeof token !== 'string' || !safeEqual(token, request.session.csrfToken)) {
      throw new AppError('forbidden', 'csrf_token', 'Your page is out of date. Please reload it and try again.');
    }
    return;
  }
  const type = request.headers['content-type'] ?? '';
  const hasBody = request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
  if (hasBody && !type.startsWith('application/json')) {
    throw new AppError('forbidden', 'csrf_content_type', 'This request was refused.');
  }
}
