import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { originOf } from '../session/session.plugin.ts';
import type { PatientAccess, Scope } from './access.ts';

/** Every patient-data route lives under this path and declares `config.patient`. */
export const PATIENT_ROUTE_PREFIX = '/api/patients/:patientId';

/**
 * What a patient-data route needs: the scope it acts in, and the audit action a read records. Changes are audited by
 * their service, in the same transaction as the change.
 */
export interface PatientRouteConfig {
  scope: Scope;
  action: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    patient?: PatientRouteConfig;
  }
  interface FastifyRequest {
    patientAccess: PatientAccess | null;
  }
  interface FastifyInstance {
    /** Every patient-data route, as registered: the isolation test sweeps them all, including routes added later. */
    patientRoutes: { method: string; url: string; scope: Scope }[];
  }
}

/**
 * Runs the one access guard before every route under /api/patients/:patientId and audits each read with both
 * identities (the account that acted, the patient whose record it was) before the answer is sent. A route there without `config.patient` is
 * refused: forgetting the guard fails closed.
 */
export const accessPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  const { ctx } = opts;
  app.decorateRequest('patientAccess', null);
  app.decorate('patientRoutes', []);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(PATIENT_ROUTE_PREFIX)) return;
    const config = route.config?.patient;
    if (!config)
      throw new Error(`${route.method} ${route.url} is a patient-data route without config.patient (the access guard)`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') app.patientRoutes.push({ method, url: route.url, scope: config.scope });
  });

  // Before validation: a caller without access learns nothing, not even which fields a route expects.
  app.addHook('preValidation', async (request) => {
    const config = request.routeOptions.config?.patient;
    if (!config || !request.routeOptions.url?.startsWith(PATIENT_ROUTE_PREFIX)) return;
    const patientId = (request.params as { patientId?: string }).patientId ?? '';
    if (!request.session)
      throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
    try {
      request.patientAccess = await ctx.access.require(request.session, patientId, config.scope);
    } catch (err) {
      await ctx.audit.record({
        actor: { type: request.session.realm === 'staff' ? 'staff' : 'patient', id: request.session.accountId },
        patientId: (await ctx.access.grants.patientExists(patientId)) ? patientId : null,
        action: `${config.action}.denied`,
        outcome: 'failure',
        origin: originOf(request),
      });
      throw err;
    }
  });

  // A read is audited before its answer leaves: no audit record, no patient data (503 instead).
  app.addHook('onSend', async (request, reply, payload) => {
    const config = request.routeOptions.config?.patient;
    const access = request.patientAccess;
    if (!config || !access || config.scope !== 'read' || reply.statusCode >= 400) return payload;
    try {
      await ctx.audit.record({
        actor: access.actor,
        patientId: access.patientId,
        action: config.action,
        origin: originOf(request),
      });
    } catch (err) {
      request.log.error({ err }, 'audit write failed; the read was refused');
      throw new AppError(
        'unavailable',
        'audit_unavailable',
        'Lantern cannot record this access right now, so it cannot show it. Please try again in a minute.',
      );
    }
    return payload;
  });
});
