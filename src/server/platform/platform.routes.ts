import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicConfigSchema, type PublicConfig } from '../../shared/tenant.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';

/** How long /api/health waits for the database before saying it is down. */
const HEALTH_DATABASE_WAIT_MS = 800;

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
      // Answers within a second whatever the database does: a frozen one is "not answering", not a hang.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer within 1 s')), HEALTH_DATABASE_WAIT_MS);
      });
      try {
        await Promise.race([sql`select 1`.execute(ctx.db.kysely), late]);
      } catch {
        throw new AppError(
          'unavailable',
          'database_unavailable',
          `The database (${ctx.db.engine}) is not answering.`,
          'database',
        );
      } finally {
        clearTimeout(timer);
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
