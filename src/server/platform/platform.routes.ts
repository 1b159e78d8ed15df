import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicConfigSchema, type PublicConfig } from '../../shared/tenant.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';

/** Liveness/readiness and the organisation facts the sign-in page shows. No patient data here. */
export async function registerPlatformRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/health',
    {
      config: { auth: { public: true } },
      schema: { response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) } },
    },
    async () => {
      try {
        await sql`select 1`.execute(ctx.db.kysely);
      } catch {
        throw new AppError('unavailable', 'database_unavailable', 'The database is not reachable.');
      }
      return { status: 'ok' as const, database: ctx.db.engine };
    },
  );

  r.get(
    '/public/config',
    { config: { auth: { public: true } }, schema: { response: { 200: publicConfigSchema } } },
    async (): Promise<PublicConfig> => {
      const t = ctx.config.tenant;
      return {
        organisationName: t.organisation.name,
        portalName: t.organisation.portalName,
        contacts: t.contacts,
        businessHours: t.businessHours,
        timeZone: t.organisation.timeZone,
        rules: {
          passwordMinLength: ctx.config.security.passwordMinLength,
          activationCodeValidDays: t.rules.activationCodeValidDays,
          sessionIdleMinutes: ctx.config.security.sessionIdleMinutes,
        },
      };
    },
  );

  r.get('/openapi.json', { config: { auth: { public: true } }, schema: { hide: true } }, async () => app.swagger());
}
