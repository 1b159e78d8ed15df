import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import helmetHeaders from 'helmet';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerFrontDeskRoutes } from './modules/front-desk/front-desk.routes.ts';
import { registerAccountRoutes } from './modules/identity/account.routes.ts';
import { registerIdentityRoutes } from './modules/identity/identity.routes.ts';
import { registerMessagingRoutes } from './modules/messaging/messaging.routes.ts';
import { registerChartRoutes } from './modules/records/chart.routes.ts';
import { registerDocumentsRoutes } from './modules/documents/documents.routes.ts';
import { registerRecordsRoutes } from './modules/records/records.routes.ts';
import { registerResultsRoutes } from './modules/results/results.routes.ts';
import { registerStaffVisitsRoutes } from './modules/visits/visits-staff.routes.ts';
import { registerVisitsRoutes } from './modules/visits/visits.routes.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts';
import { registerProxyRoutes } from './modules/proxy/proxy.routes.ts';
import { registerStaffAdminRoutes } from './modules/staff-admin/staff-admin.routes.ts';
import { registerWorkQueueRoutes } from './modules/work-queue/work-queue.routes.ts';
import { registerPlatformRoutes } from './platform/platform.routes.ts';
import type { AppContext } from './platform/context.ts';
import { rejectUnstorableText } from './platform/text-input.ts';
import { createServices, type Services } from './services.ts';
import { registerRequestDeadline } from './platform/request-deadline.ts';
import { registerErrorHandler } from './platform/errors.ts';
import { sessionPlugin } from './platform/session/session.plugin.ts';
import { accessPlugin } from './platform/access/access.plugin.ts';
import { registerWeb, type WebMode } from './web.ts';

export interface BuildOptions {
  /** `production` serves the built web app from dist/web; `development` runs Vite with reload; `none` serves the API only (tests). */
  web?: WebMode;
  logger?: boolean;
  /** The services built once by the caller (the server process); built here from the context when omitted. */
  services?: Services;
}

/** Builds the Fastify app from an already-created context. No side effects beyond the returned instance. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: ctx.config.logLevel,
          // No PHI in logs: never log bodies, cookies, auth headers or query strings.
          serializers: {
            req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    trustProxy: trustProxyOption(ctx.config.deployment.trustProxy),
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // Malformed URLs and similar framework-level refusals get the one error shape too.
    frameworkErrors: (_err, _request, reply) => {
      // The route-generic reply type here has no schema; the plain FastifyReply view is what we need.
      void (reply as unknown as FastifyReply)
        .status(400)
        .send({ error: { code: 'bad_request', message: 'The request could not be understood.' } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // API answers are JSON: no document to run scripts in, so no per-response nonce. They get the same headers,
  // worked out once at start; @fastify/helmet would rebuild its middleware for every request (3–4 % of a simple
  // read's CPU in the profile). Pages (web.ts) keep a fresh nonce each.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) route.helmet = false;
  });
  await app.register(helmet, { enableCSPNonces: true, ...SECURITY_HEADERS });
  const apiHeaders = headersOf(SECURITY_HEADERS);
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url?.startsWith('/api/')) reply.headers(apiHeaders);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=()');
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  app.addHook('preValidation', async (request) => {
    rejectUnstorableText(request.body, 'body');
    rejectUnstorableText(request.query, 'query');
  });

  registerRequestDeadline(app, ctx.config.http.requestDeadlineMs);

  await app.register(sessionPlugin, { ctx });
  const services = options.services ?? createServices(ctx); // the composition root: every service once
  await app.register(accessPlugin, { ctx, workItems: (id: string) => services.queue.target(id) });

  await app.register(swagger, {
    openapi: { info: { title: 'Lantern API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      await registerPlatformRoutes(api, ctx);
      await registerIdentityRoutes(api, ctx, services);
      await registerAccountRoutes(api, ctx, services);
      await registerProxyRoutes(api, ctx, services);
      await registerWorkQueueRoutes(api, ctx, services);
      await registerChartRoutes(api, services);
      await registerFrontDeskRoutes(api, ctx, services);
      await registerStaffAdminRoutes(api, ctx, services);
      await registerNotificationRoutes(api, ctx, services);
      await registerMessagingRoutes(api, ctx, services);
      await registerRecordsRoutes(api, ctx, services);
      await registerDocumentsRoutes(api, ctx, services);
      await registerResultsRoutes(api, services);
      await registerVisitsRoutes(api, services);
      await registerStaffVisitsRoutes(api, services);
    },
    { prefix: '/api' },
  );
  await registerWeb(app, options.web ?? 'none');
  return app;
}

/** Fastify's trustProxy from TRUST_PROXY; a hop count trusts that many proxies nearest the app. */
function trustProxyOption(
  value: boolean | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

/** The security headers of every answer: a strict content security policy, HSTS, no referrer. */
const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Inline style attributes from the component kit are allowed; <style> elements need the per-response nonce.
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
} satisfies FastifyHelmetOptions;

/** The headers helmet sets for these options, captured once from a response that records them. */
function headersOf(options: typeof SECURITY_HEADERS): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: () => undefined,
  };
  // helmet's middleware only calls setHeader and removeHeader on the response.
  helmetHeaders(options)({} as never, recorder as never, () => undefined);
  return headers;
}
