import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { StaffRole } from '../../src/server/db/schema.ts';
import { fhirImporter } from '../../src/server/services.ts';
import { ActivationService } from '../../src/server/modules/identity/activation.service.ts';
import { currentTotp } from '../../src/server/modules/identity/credentials.ts';
import { identityDeps } from '../../src/server/modules/identity/identity.deps.ts';
import { StaffAccountsService } from '../../src/server/modules/identity/staff-accounts.service.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import type { Session } from '../../src/server/platform/session/sessions.ts';
import { sampleBundle } from './fhir-fixtures.ts';

/** Imports one sample patient (by file-name prefix) and returns their FHIR id and birth date. */
export async function importPatient(
  ctx: AppContext,
  prefix: string,
): Promise<{ patientId: string; birthDate: string }> {
  const b = sampleBundle(prefix);
  await fhirImporter(ctx).importBundle(b.file, b.json);
  const p = b.json.entry[0]!.resource as unknown as { id: string; birthDate: string };
  return { patientId: p.id, birthDate: p.birthDate };
}

const noOrigin = { ip: '127.0.0.1', userAgent: 'vitest' };

/** A staff account and a signed-in (full) session for it, opened directly (the sign-in flow has its own tests). */
export async function createStaff(
  ctx: AppContext,
  role: StaffRole,
  username = `${role}-${Math.random().toString(36).slice(2, 8)}`,
  /** The organisations they work for; by default every organisation patients are seen at so far. */
  organisations?: string[],
): Promise<{ accountId: string; session: Session; cookie: string; csrf: string; password: string; username: string }> {
  const password = 'quiet orchard bellflower';
  const { accountId } = await new StaffAccountsService(identityDeps(ctx)).create(
    { type: 'system', id: null },
    {
      username,
      displayName: `Test ${role}`,
      role,
      password,
      organisations: organisations ?? (await identityDeps(ctx).fhir.organisations()).map((o) => o.id),
    },
  );
  const opened = await ctx.sessions.open(ctx.db.kysely, accountId, 'staff', 'full', noOrigin);
  const session = (await ctx.sessions.resolve(opened.cookieValue, 'staff'))!;
  return {
    accountId,
    session,
    cookie: `lantern_staff=${opened.cookieValue}`,
    csrf: opened.csrfToken,
    password,
    username,
  };
}

/** Issues an activation code for a patient as a front-desk user, at today's visit unless an encounter is named. */
export async function issueActivationCode(
  ctx: AppContext,
  staff: Session,
  patientId: string,
  encounterId?: string,
): Promise<string> {
  const issued = await new ActivationService(identityDeps(ctx)).issueCode(staff, patientId, encounterId, noOrigin);
  return issued.code;
}

/** A browser-like client for app.inject: keeps cookies and the CSRF token between requests. */
export class Client {
  cookies = new Map<string, string>();
  csrf: string | undefined;
  /** `remoteAddress`: the address the request comes from (127.0.0.1 unless set), for tests of per-address limits. */
  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress?: string,
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf && options.csrf !== false) headers['x-csrf-token'] = this.csrf;
    const from = this.remoteAddress ? { remoteAddress: this.remoteAddress } : {};
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...from,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const json = res.headers['content-type']?.toString().includes('json')
      ? (res.json() as { csrfToken?: string; session?: { csrfToken?: string } | null })
      : null;
    const token = json?.csrfToken ?? json?.session?.csrfToken;
    if (token) this.csrf = token;
    return res;
  }
  get(url: string): Promise<LightMyRequestResponse> {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, options?: { csrf?: boolean }): Promise<LightMyRequestResponse> {
    return this.request('POST', url, body ?? {}, options);
  }
  put(url: string, body: unknown): Promise<LightMyRequestResponse> {
    return this.request('PUT', url, body);
  }
  delete(url: string): Promise<LightMyRequestResponse> {
    return this.request('DELETE', url);
  }
}

export { currentTotp };

/** A patient with an account (signed up through the real route); returns a signed-in client. */
export async function signUpPatient(
  app: FastifyInstance,
  ctx: AppContext,
  prefix = 'Louis_Maggio',
  username = 'patient1',
  password = 'violet harbour lantern',
): Promise<{ client: Client; patientId: string; username: string; password: string }> {
  const { patientId, birthDate } = await importPatient(ctx, prefix);
  const desk = await createStaff(ctx, 'front_desk');
  const code = await issueActivationCode(ctx, desk.session, patientId);
  const client = new Client(app);
  const res = await client.post('/api/auth/signup', {
    activationCode: code,
    dateOfBirth: birthDate,
    username,
    password,
  });
  if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.body}`);
  return { client, patientId, username, password };
}

/** A signed-in staff client of the given role. */
export async function staffClient(
  app: FastifyInstance,
  ctx: AppContext,
  role: StaffRole,
  organisations?: string[],
): Promise<Client> {
  const s = await createStaff(ctx, role, undefined, organisations);
  const c = new Client(app);
  c.cookies.set('lantern_staff', s.cookie.split('=')[1]!);
  c.csrf = s.csrf;
  return c;
}
