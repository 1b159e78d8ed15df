import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Realm } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import {
  clearSessionCookie,
  deviceCookieName,
  originOf,
  setDeviceCookie,
  setSessionCookie,
} from '../../platform/session/session.plugin.ts';
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
import type { SignInResult, SignInService } from './signin.service.ts';

/**
 * Sign-up, sign-in, second factor, session status and sign-out, for patients (/api/…) and staff (/api/staff/…):
 * the same flows, separate cookies and sessions.
 */
export async function registerIdentityRoutes(app: FastifyInstance, ctx: AppContext, services: Services): Promise<void> {
  const { signIn: signin, twoStep, activation } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ok = { 200: sessionInfoSchema };
  const secure = ctx.config.security.secureCookies;

  r.post(
    '/auth/signup',
    { config: { auth: { public: true } }, schema: { body: signupRequestSchema, response: ok } },
    async (req, reply) => {
      const origin = originOf(req);
      const accountId = await activation.signUp(req.body, origin);
      return startSession(ctx, signin, reply, 'patient', await signin.startAfterSignUp(accountId, origin));
    },
  );

  for (const realm of ['patient', 'staff'] as const) {
    const p = realm === 'staff' ? '/staff' : '';
    const auth = { realm };

    r.get(
      `${p}/session`,
      { config: { auth: { ...auth, stage: 'any' }, touchesSession: false }, schema: { response: ok } },
      async (req) => signin.sessionInfo(req.session!),
    );
    r.post(
      `${p}/session/keep-alive`,
      { config: { auth: { ...auth, stage: 'any' } }, schema: { response: ok } },
      async (req) => signin.sessionInfo(req.session!),
    );

    r.post(
      `${p}/auth/signin`,
      { config: { auth: { public: true, realm } }, schema: { body: signinRequestSchema, response: ok } },
      async (req, reply) => {
        await signin.endReplaced(req.session);
        const result = await signin.signIn(
          realm,
          req.body.username,
          req.body.password,
          originOf(req),
          req.cookies[deviceCookieName(realm, secure)],
        );
        return startSession(ctx, signin, reply, realm, result);
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
        return startSession(ctx, signin, reply, realm, result);
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
          ? await startSession(ctx, signin, reply, realm, { session: result.session, deviceToken: null })
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

/** Sets the new session's cookie (and a new device cookie) and answers with its SessionInfo. */
/** Sets the new session's cookie (and a new device cookie) and answers with its SessionInfo. */
async function startSession(
  ctx: AppContext,
  signin: SignInService,
  reply: FastifyReply,
  realm: Realm,
  { session: created, deviceToken }: SignInResult,
): Promise<SessionInfo> {
  setSessionCookie(reply, ctx, realm, created.cookieValue);
  if (deviceToken) setDeviceCookie(reply, ctx, realm, deviceToken);
  return signin.started(created.cookieValue, realm);
}
