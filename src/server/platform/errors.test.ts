import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, badInput, registerErrorHandler } from './errors.ts';

async function appWith(handler: () => unknown) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.post(
    '/things',
    { schema: { body: z.object({ name: z.string().min(1), visit: z.object({ date: z.iso.date() }) }) } },
    async () => handler(),
  );
  await app.ready();
  return app;
}

describe('error handling', () => {
  it('answers bad input with a 400 naming the field', async () => {
    const app = await appWith(() => ({ ok: true }));
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { name: 'x', visit: { date: 'yesterday' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', field: 'visit.date' });
    expect(res.json().error.message).toContain('visit.date');
  });

  it('maps a domain error to its status with its stable code', async () => {
    const app = await appWith(() => {
      throw new AppError('gone', 'activation_code_expired', 'This activation code has expired.');
    });
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { name: 'x', visit: { date: '2026-11-24' } },
    });
    expect(res.statusCode).toBe(410);
    expect(res.json()).toEqual({
      error: { code: 'activation_code_expired', message: 'This activation code has expired.' },
    });
  });

  it('names the field of a service-side validation error', async () => {
    const app = await appWith(() => {
      throw badInput('dateOfBirth', 'Date of birth cannot be in the future.');
    });
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { name: 'x', visit: { date: '2026-11-24' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('dateOfBirth');
  });

  it('hides the details of unexpected errors', async () => {
    const app = await appWith(() => {
      throw new Error('SQLITE_ERROR: no such column: patient.secret near SELECT');
    });
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { name: 'x', visit: { date: '2026-11-24' } },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal');
    expect(res.body).not.toMatch(/SQLITE|column|SELECT|\.ts/);
  });
});
