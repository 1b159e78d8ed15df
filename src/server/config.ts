import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { tenantSchema, type Tenant } from '../shared/tenant.ts';

/** Environment variables, each with what it does. Parsed once at start and passed in; never read elsewhere. */
const envSchema = z.object({
  /** Where the SQLite file, uploaded files and other local state live. */
  LANTERN_DATA_DIR: z.string().default('./data'),
  /** `postgres://…` selects PostgreSQL; unset means the embedded SQLite database in the data directory. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The tenant (organisation) configuration file: names, phone numbers, hours, holidays, rules. */
  LANTERN_TENANT_FILE: z.string().default('config/tenant.demo.json'), // DEMO_TENANT_FILE
  /** Address and port the HTTP server listens on. Keep 127.0.0.1 unless a proxy in front needs otherwise. */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address patients reach the portal at; used in links in notifications. */
  PUBLIC_URL: z.url().optional(),
  /** SMTP server for outgoing email, e.g. smtp://user:pass@mail.example.org:587. Unset: emails are logged, not sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  /** The From address of outgoing email. */
  MAIL_FROM: z.string().default('Lantern <no-reply@localhost>'),
  /**
   * Texts go through an SMS gateway with the Twilio Messages API shape (POST …/Accounts/{sid}/Messages.json, form
   * fields To/From/Body, HTTP Basic auth). All three of SID, token and From are needed; unset: texts are logged.
   */
  SMS_TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^[A-Za-z0-9]{8,64}$/, 'SMS_TWILIO_ACCOUNT_SID is letters and digits')
    .optional(),
  SMS_TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
  /** The sending number (E.164, e.g. +15025550100) or messaging service the texts come from. */
  SMS_FROM: z.string().min(3).max(40).optional(),
  /** The gateway's base address; change it only for a compatible provider or a test receiver. */
  SMS_API_BASE_URL: z.url().default('https://api.twilio.com'),
  /** Most notifications one email address or phone number receives per hour; more wait for the next hour. */
  NOTIFY_PER_RECIPIENT_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(20),
  /** Minutes without activity after which a session ends (the page warns a minute before). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(2).max(240).default(15),
  /** Hours after sign-in after which a session ends whatever the activity. */
  SESSION_MAX_HOURS: z.coerce.number().min(1).max(72).default(12),
  /** Shortest password accepted (NIST SP 800-63B: at least 8; we default to 12). */
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
  /** Failed sign-ins in a row that lock an account, and for how many minutes. */
  SIGNIN_LOCK_AFTER: z.coerce.number().int().min(3).max(50).default(5),
  SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** `production` marks a deployment: demo data and demo sign-ins are never created (PUBLIC_URL https:// does the same). */
  NODE_ENV: z.string().optional(),
  /**
   * Which client addresses to believe in X-Forwarded-For behind a load balancer or reverse proxy: unset or `false`
   * (default: the connecting address is the client), `true` (trust every hop: only if nothing can reach the app
   * except through the proxy), a number of hops, or a comma-separated list of proxy addresses/CIDR ranges.
   * Per-address sign-in limits count the address this yields: behind a proxy without it, every patient shares one.
   */
  TRUST_PROXY: z.string().optional(),
  /** pino log level. */
  /** Longest wait for a database connection (PostgreSQL: to connect or to get one from the pool), in ms. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** Longest one SQL statement may run (PostgreSQL statement_timeout, and the client's own bound; SQLite busy wait). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(5000),
  /** Longest a request may take once its body has arrived; past it the answer is a 503 (the work is abandoned). */
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** argon2id's cost: memory in KiB and iterations. */
export interface HashCost {
  memoryCost: number;
  timeCost: number;
}

/** OWASP's first recommended argon2id parameters (19 MiB, 2 iterations, 1 lane): what every deployment uses. */
export const OWASP_HASH_COST: HashCost = { memoryCost: 19_456, timeCost: 2 };

export interface SmsGatewayConfig {
  provider: 'twilio';
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

/** Every wait on the database is bounded; a wait that runs out is a 503 (database unavailable), never a hang. */
export interface DatabaseWaits {
  connectMs: number;
  statementMs: number;
}

export type DatabaseConfig = ({ engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string }) & {
  /** Defaults (3 s to connect, 5 s a statement) when omitted. */
  waits?: DatabaseWaits;
};

export interface Config {
  dataDir: string;
  database: DatabaseConfig;
  tenant: Tenant;
  http: { host: string; port: number; publicUrl: string; requestDeadlineMs: number };
  mail: { smtpUrl: string | undefined; from: string };
  /** The SMS gateway; undefined: texts are not sent (the startup banner says so; only the demo prints them). */
  sms: SmsGatewayConfig | undefined;
  notifications: { perRecipientPerHour: number };
  security: {
    sessionIdleMinutes: number;
    sessionMaxHours: number;
    passwordMinLength: number;
    lockAfterFailures: number;
    lockMinutes: number;
    /** argon2id's cost for new password hashes: OWASP's parameters everywhere but in tests. */
    passwordHashCost: HashCost;
    /** Cookies get Secure and the __Host- prefix when the portal is served over HTTPS (PUBLIC_URL https://…). */
    secureCookies: boolean;
  };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  deployment: {
    /** NODE_ENV=production or an https:// PUBLIC_URL: never create demo data or demo sign-ins. */
    production: boolean;
    /** The demo organisation's tenant file is in use (the only one the demo may seed). */
    demoTenant: boolean;
    /** Fastify's trustProxy: which X-Forwarded-For hops to believe for the client's address. */
    trustProxy: boolean | number | string[];
  };
}

/** Thrown when the environment or the tenant file is invalid; the message names each bad field. */
export class ConfigError extends Error {}

/** Reads and validates the environment and the tenant file once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid environment:\n${formatIssues(parsed.error)}`);
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.LANTERN_DATA_DIR);
  const tenantFile = path.resolve(cwd, e.LANTERN_TENANT_FILE);
  const tenant = loadTenant(tenantFile);
  return {
    dataDir,
    database: {
      ...(e.DATABASE_URL
        ? { engine: 'postgres' as const, url: e.DATABASE_URL }
        : { engine: 'sqlite' as const, file: path.join(dataDir, 'lantern.sqlite') }),
      waits: { connectMs: e.DB_CONNECT_TIMEOUT_MS, statementMs: e.DB_STATEMENT_TIMEOUT_MS },
    },
    tenant,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
      requestDeadlineMs: e.REQUEST_DEADLINE_MS,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    sms: smsGateway(e),
    notifications: { perRecipientPerHour: e.NOTIFY_PER_RECIPIENT_PER_HOUR },
    security: {
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionMaxHours: e.SESSION_MAX_HOURS,
      passwordMinLength: e.PASSWORD_MIN_LENGTH,
      lockAfterFailures: e.SIGNIN_LOCK_AFTER,
      lockMinutes: e.SIGNIN_LOCK_MINUTES,
      secureCookies: (e.PUBLIC_URL ?? '').startsWith('https://'),
      passwordHashCost: OWASP_HASH_COST,
    },
    logLevel: e.LOG_LEVEL,
    deployment: {
      production: e.NODE_ENV === 'production' || (e.PUBLIC_URL ?? '').startsWith('https://'),
      demoTenant: tenantFile === path.resolve(cwd, DEMO_TENANT_FILE),
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
    },
  };
}

/** The demo organisation's tenant file, relative to the working directory. */
export const DEMO_TENANT_FILE = 'config/tenant.demo.json';

/** TRUST_PROXY: unset/false → false; true; a hop count; or a list of addresses and CIDR ranges. */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const item of list) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item))
      throw new ConfigError(
        `Invalid environment:\n  - TRUST_PROXY: "${item}" is not an address or CIDR range (use true, a hop count, or a comma-separated list)`,
      );
  }
  return list;
}

function smsGateway(e: z.infer<typeof envSchema>): SmsGatewayConfig | undefined {
  const set = [e.SMS_TWILIO_ACCOUNT_SID, e.SMS_TWILIO_AUTH_TOKEN, e.SMS_FROM].filter((v) => v !== undefined).length;
  if (set === 0) return undefined;
  if (set < 3)
    throw new ConfigError(
      'Invalid environment:\n  SMS_TWILIO_ACCOUNT_SID, SMS_TWILIO_AUTH_TOKEN and SMS_FROM go together: set all three, or none to log texts.',
    );
  return {
    provider: 'twilio',
    baseUrl: e.SMS_API_BASE_URL.replace(/\/+$/, ''),
    accountSid: e.SMS_TWILIO_ACCOUNT_SID!,
    authToken: e.SMS_TWILIO_AUTH_TOKEN!,
    from: e.SMS_FROM!,
  };
}

/** Reads a tenant file; a missing field or a bad value stops the start with the field's path. */
export function loadTenant(file: string): Tenant {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read tenant file ${file}: ${(err as Error).message}`);
  }
  const parsed = tenantSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`Invalid tenant file ${file}:\n${formatIssues(parsed.error)}`);
  return parsed.data;
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}
