import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.ts';
import { Client, signUpPatient, staffClient } from './helpers/identity-factories.ts';

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema };
type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };

/** A body in which every string field (and string in an array) carries `bad`. */
function hostileBody(schema: JsonSchema | undefined, bad: string): Record<string, unknown> | null {
  if (!schema?.properties) return null;
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(schema.properties)) {
    const types = [p.type].flat();
    if (types.includes('string')) out[name] = `a${bad}b`;
    else if (types.includes('array') && [p.items?.type].flat().includes('string')) out[name] = [`a${bad}b`];
  }
  return Object.keys(out).length ? out : null;
}

/**
 * Every route with a JSON body, from the OpenAPI document (routes added later are included), gets a body whose
 * every text field holds a control character: the answer is never a 5xx, and where the request reaches validation
 * it is the same 400 on both engines, naming a field.
 */
describe('control characters in every free-text field', () => {
  let t: TestApp;
  let patient: Awaited<ReturnType<typeof signUpPatient>>;
  let admin: Client;
  let clinician: Client;

  beforeAll(async () => {
    t = await startTestApp();
    patient = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    admin = await staffClient(t.app, t.ctx, 'admin');
    clinician = await staffClient(t.app, t.ctx, 'clinician');
  });
  afterAll(async () => t.close());

  it.each([
    ['NUL', '\u0000'],
    ['bell', '\u0007'],
    ['escape', '\u001b'],
    ['DEL', '\u007f'],
    ['a lone surrogate', '\ud800'],
  ])('refuses %s with a 400 naming the field, never a 5xx', async (_, bad) => {
    const spec = (await t.app.inject('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    let refused = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const body = hostileBody(op.requestBody?.content?.['application/json']?.schema, bad);
        if (!body) continue;
        const url = path.replace('{patientId}', patient.patientId).replace(/\{[A-Za-z]+\}/g, 'x');
        const callers = url.startsWith('/api/staff/') ? [admin, clinician] : [patient.client];
        for (const c of callers) {
          const res = await c.request(method.toUpperCase() as 'POST', url, body);
          const what = `${method.toUpperCase()} ${path}`;
          expect(res.statusCode, what).toBeLessThan(500);
          if (res.statusCode === 400) {
            expect(res.json().error.code, what).toBe('validation_failed');
            expect(res.json().error.field, what).toBeTruthy();
            refused++;
          }
        }
      }
    }
    expect(refused).toBeGreaterThanOrEqual(25);
  });

  it('refuses a control character in a query string and in an uploaded file’s name', async () => {
    const search = await patient.client.get(`/api/patients/${patient.patientId}/messages?q=a%07b`);
    expect(search.json().error).toMatchObject({ code: 'validation_failed', field: 'query.q' });
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.patientId}/attachments`,
      headers: {
        cookie: [...patient.client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': patient.client.csrf!,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('scan\u0000.pdf'),
      },
      payload: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    expect(upload.statusCode).toBe(400);
    expect(upload.json().error).toMatchObject({ code: 'validation_failed', field: 'header.x-file-name' });
  });

  it('keeps tabs and newlines, which people do type', async () => {
    const res = await patient.client.post(`/api/patients/${patient.patientId}/messages`, {
      kind: 'customer_service',
      topic: 'billing_question',
      subject: 'Two lines',
      body: 'First line\r\n\tSecond line',
      idempotencyKey: 'tabs-and-newlines-0001',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().messages[0].body).toBe('First line\r\n\tSecond line');
  });
});
