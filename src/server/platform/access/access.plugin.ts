import type { CataloguedAuditAction } from '../../../shared/audit-actions.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { originOf } from '../session/session.plugin.ts';
import type { Session } from '../session/sessions.ts';
import { isWrite, worksPool, type Permission } from './policy.ts';
import type { PatientScope } from './scope.ts';

/** Patient-data routes live under these paths and declare `config.patient`. */
export const PATIENT_ROUTE_PREFIX = '/api/patients/:patientId';
export const STAFF_PATIENT_ROUTE_PREFIX = '/api/staff/patients/:patientId';
/** Staff routes acting on a work item (which may belong to a patient) declare `config.workItem`. */
export const WORK_ITEM_ROUTE_PREFIX = '/api/staff/work-items/:id';

/**
 * What a patient-data route needs: the permission it exercises (platform/access/policy.ts), and the audit action a
 * read records. Changes are audited by their service, in the same transaction as the change.
 */
export interface PatientRouteConfig {
  permission: Permission;
  action: CataloguedAuditAction;
  /** The item a read is about, from a route parameter (so the access log can leave out what the reader may not see). */
  subject?: { type: string; param: string };
}

/** A staff route that acts on a work item: the item is resolved to its pool and patient before anything else. */
export interface WorkItemRouteConfig {
  permission: Permission;
}

/** Where a work item stands, for the guard: its pool and the patient it concerns (none for anonymous requests). */
export interface WorkItemTarget {
  pool: string;
  patientId: string | null;
}

export interface GuardedRoute {
  method: string;
  url: string;
  permission: Permission;
  write: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    patient?: PatientRouteConfig;
    workItem?: WorkItemRouteConfig;
  }
  interface FastifyRequest {
    /** The patient scope the guard built for this request (patient routes, and work items that name a patient). */
    scope: PatientScope | null;
  }
  interface FastifyInstance {
    /** Every patient-data route, as registered: the isolation test sweeps them all, including routes added later. */
    patientRoutes: GuardedRoute[];
    /** Every staff route acting on a work item, as registered (swept too). */
    workItemRoutes: GuardedRoute[];
  }
}

/**
 * Runs the one access guard before every route that names a patient (`/api/patients/:patientId`,
 * `/api/staff/patients/:patientId`) or a work item (`/api/staff/work-items/:id`), and audits each read with both
 * identities (the account that acted, the patient whose record it was) before the answer is sent. A route there
 * without its guard configuration is refused at registration: forgetting the guard fails closed.
 */
export const accessPlugin = fp(
  async (
    app: FastifyInstance,
    opts: { ctx: AppContext; workItems: (id: string) => Promise<WorkItemTarget | null> },
  ) => {
    const { ctx } = opts;
    app.decorateRequest('scope', null);
    app.decorate('patientRoutes', []);
    app.decorate('workItemRoutes', []);

    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat().filter((m) => m !== 'HEAD');
      if (route.url.startsWith(PATIENT_ROUTE_PREFIX) || route.url.startsWith(STAFF_PATIENT_ROUTE_PREFIX)) {
        const config = route.config?.patient;
        if (!config)
          throw new Error(
            `${route.method} ${route.url} is a patient-data route without config.patient (the access guard)`,
          );
        for (const method of methods)
          app.patientRoutes.push({
            method,
            url: route.url,
            permission: config.permission,
            write: isWrite(config.permission),
          });
      } else if (route.url.startsWith(WORK_ITEM_ROUTE_PREFIX)) {
        const config = route.config?.workItem;
        if (!config)
          throw new Error(
            `${route.method} ${route.url} acts on a work item without config.workItem (the access guard)`,
          );
        for (const method of methods)
          app.workItemRoutes.push({
            method,
            url: route.url,
            permission: config.permission,
            write: isWrite(config.permission),
          });
      }
    });

    // Before validation: a caller without access learns nothing, not even which fields a route expects.
    app.addHook('preValidation', async (request) => {
      const patient = request.routeOptions.config?.patient;
      const workItem = request.routeOptions.config?.workItem;
      if (!patient && !workItem) return;
      const session = request.session;
      if (!session)
        throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
      if (patient) {
        const patientId = (request.params as { patientId?: string }).patientId ?? '';
        request.scope = await guarded(request, session, patientId, patient.permission, patient.action);
        return;
      }
      const id = (request.params as { id?: string }).id ?? '';
      const target = await opts.workItems(id);
      const organisations = target ? await ctx.access.grants.organisationsOf(session.accountId) : [];
      if (!target || !worksPool(session.staffRole, organisations, target.pool)) throw notFound('The work item');
      if (target.patientId)
        request.scope = await guarded(request, session, target.patientId, workItem!.permission, 'work_item', true);
    });

    /** The guard, with a refusal audited (on the patient's record when the patient exists). */
    async function guarded(
      request: FastifyRequest,
      session: Session,
      patientId: string,
      permission: Permission,
      action: CataloguedAuditAction,
      asWorkItem = false,
    ): Promise<PatientScope> {
      try {
        return await ctx.access.require(session, patientId, permission);
      } catch (err) {
        await ctx.audit.record({
          actor: { type: session.realm === 'staff' ? 'staff' : 'patient', id: session.accountId },
          patientId: (await ctx.access.grants.patientExists(patientId)) ? patientId : null,
          action: `${action}.denied`,
          outcome: 'failure',
          origin: originOf(request),
          detail: { permission },
        });
        if (asWorkItem && err instanceof AppError && err.kind === 'not_found') throw notFound('The work item');
        throw err;
      }
    }

    // A read is audited before its answer leaves: no audit record, no patient data (503 instead).
    app.addHook('onSend', async (request, reply, payload) => {
      const config = request.routeOptions.config?.patient;
      const scope = request.scope;
      if (!config || !scope || isWrite(config.permission) || reply.statusCode >= 400) return payload;
      try {
        const id = config.subject && (request.params as Record<string, unknown>)[config.subject.param];
        const subject = config.subject && typeof id === 'string' ? { type: config.subject.type, id } : undefined;
        await scope.auditRead({ action: config.action, origin: originOf(request), ...(subject ? { subject } : {}) });
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
  },
);
