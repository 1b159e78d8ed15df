import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Realm } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { AppError } from '../../platform/errors.ts';
import {
  clearSessionCookie,
  deviceCookieName,
  originOf,
  setDeviceCookie,
  setSessionCookie,
} from '../../platform/session/session.plugin.ts';
import type { Session } from '../../platform/session/sessions.ts';
import {
  secondFactorRequestSchema,
  sessionInfoSchema,
  signinRequestSchema,
  signupRequestSchema,
  passwordOnlySchema,
  totpConfirmSchema,
  twoStepSetupRequestSchema,
  twoStepSetupSchema,
  type SessionInfo,
} from '../../../shared/identity.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { presentSession } from './identity.presenter.ts';
import type { SignInResult } from './signin.service.ts';

/**
 * Sign-up, sign-in, second factor, session status and sign-out, for patients (/api/…) and staff (/api/staff/…):
 * the same flows, separate cookies and sessions.
 */
export async function registerIdentityRoutes(app: FastifyInstance, ctx: AppContext, services: Services): Promise<void> {
  const { identity: d, signIn: signin, twoStep, activation } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ok = { 200: sessionInfoSchema };
  const secure = ctx.config.security.secureCookies;

  r.post(
    '/auth/signup',
    { config: { auth: { public: true } }, schema: { body: signupRequestSchema, response: ok } },
    async (req, reply) => {
      const origin = originOf(req);
      const accountId = await activation.signUp(req.body, origin);
      const session = await ctx.sessions.open(ctx.db.kysely, accountId, 'patient', 'full', origin);
      await ctx.audit.record({ actor: { type: 'patient', id: accountId }, action: 'auth.signin.success', origin });
      return startSession(d, reply, 'patient', { session, deviceToken: null });
    },
  );

  for (const realm of ['patient', 'staff'] as const) {
    const p = realm === 'staff' ? '/staff' : '';
    const auth = { realm };

    r.get(
      `${p}/session`,
      { config: { auth: { ...auth, stage: 'any' }, touchesSession: false }, schema: { response: ok } },
      async (req) => sessionInfo(d, req.session!),
    );
    r.post(
      `${p}/session/keep-alive`,
      { config: { auth: { ...auth, stage: 'any' } }, schema: { response: ok } },
      async (req) => sessionInfo(d, req.session!),
    );

    r.post(
      `${p}/auth/signin`,
      { config: { auth: { public: true, realm } }, schema: { body: signinRequestSchema, response: ok } },
      async (req, reply) => {
        if (req.session) await ctx.sessions.revoke(ctx.db.kysely, req.session.idHash); // a new id at every sign-in
        const result = await signin.signIn(
          realm,
          req.body.username,
          req.body.password,
          originOf(req),
          req.cookies[deviceCookieName(realm, secure)],
        );
        return startSession(d, reply, realm, result);
      },
    );

    r.post(
      `${p}/auth/second-factor`,
      { config: { auth: { ...auth, stage: 'any' } }, schema: { body: secondFactorRequestSchema, response: ok } },
      async (req, reply) => {
        const result = await signin.secondFactor(
          req.session!,
          req.body,
          originOf(req),
          req.cookies[deviceCookieName(realm, secure)],
        );
        return startSession(d, reply, realm, result);
      },
    );

    r.post(`${p}/auth/signout`, { config: { auth: { ...auth, stage: 'any' } } }, async (req, reply) => {
      await signin.signOut(req.session!, originOf(req));
      clearSessionCookie(reply, ctx, realm);
      return reply.status(204).send();
    });

    r.post(`${p}/auth/signout-everywhere`, { config: { auth } }, async (req, reply) => {
      await signin.signOutEverywhere(req.session!, originOf(req));
      clearSessionCookie(reply, ctx, realm);
      return reply.status(204).send();
    });

    r.post(
      `${p}/account/two-step/setup`,
      {
        config: { auth: { ...auth, stage: 'any' } },
        schema: { body: twoStepSetupRequestSchema, response: { 200: twoStepSetupSchema } },
      },
      async (req) => twoStep.setup(req.session!, req.body, originOf(req)),
    );

    r.post(
      `${p}/account/two-step/confirm`,
      {
        config: { auth: { ...auth, stage: 'any' } },
        schema: {
          body: totpConfirmSchema,
          response: { 200: z.object({ recoveryCodes: z.array(z.string()), session: sessionInfoSchema.nullable() }) },
        },
      },
      async (req, reply) => {
        const result = await twoStep.confirm(req.session!, req.body.code, originOf(req));
        const next = result.session
          ? await startSession(d, reply, realm, { session: result.session, deviceToken: null })
          : null;
        return { recoveryCodes: result.recoveryCodes, session: next };
      },
    );
  }

  r.post(
    '/account/two-step/disable',
    { config: { auth: { realm: 'patient' } }, schema: { body: passwordOnlySchema } },
    async (req, reply) => {
      await twoStep.disable(req.session!, req.body.password, originOf(req));
      return reply.status(204).send();
    },
  );
}

async function sessionInfo(d: IdentityDeps, session: Session): Promise<SessionInfo> {
  const account = await d.repo.findAccount(d.ctx.db.kysely, session.accountId);
  if (!account) throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
  return presentSession(session, account, d.ctx.config.security.sessionIdleMinutes * 60);
}

/** Sets the new session's cookie (and a new device cookie) and answers with its SessionInfo. */
async function startSession(
  d: IdentityDeps,
  reply: FastifyReply,
  realm: Realm,
  { session: created, deviceToken }: SignInResult,
): Promise<SessionInfo> {
  setSessionCookie(reply, d.ctx, realm, created.cookieValue);
  if (deviceToken) setDeviceCookie(reply, d.ctx, realm, deviceToken);
  const session = await d.ctx.sessions.resolve(created.cookieValue, realm);
  if (!session) throw new AppError('internal', 'session_not_created', 'Signing in failed. Please try again.');
  return sessionInfo(d, session);
}
