import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import {
  resultDetailSchema,
  resultListQuerySchema,
  resultListSchema,
  resultNoteInputSchema,
  resultPreferencesSchema,
  resultReleaseInputSchema,
  resultTrendSchema,
  staffResultDetailSchema,
  staffResultListQuerySchema,
  staffResultListSchema,
} from '../../../shared/results.ts';

const patientParams = z.object({ patientId: z.string().min(1).max(128) });
const resultParams = patientParams.extend({ resultId: z.string().min(1).max(128) });
const subject = { type: 'Result', param: 'resultId' };

/** Test results: the patient's list, result and trends, the account's preference, and the staff review queue. */
export async function registerResultsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { results, resultsReview } = services;
  const auth = { realm: 'patient' as const };

  r.get(
    '/patients/:patientId/results',
    {
      config: { auth, patient: { permission: 'record.read', action: 'record.results.read' } },
      schema: { params: patientParams, querystring: resultListQuerySchema, response: { 200: resultListSchema } },
    },
    async (req) => results.list(req.scope!, req.session!, req.query),
  );
  r.get(
    '/patients/:patientId/results/trends/:code',
    {
      config: { auth, patient: { permission: 'record.read', action: 'record.result.trend.read' } },
      schema: {
        params: patientParams.extend({ code: z.string().min(1).max(40) }),
        response: { 200: resultTrendSchema },
      },
    },
    async (req) => results.trend(req.scope!, req.params.code),
  );
  r.get(
    '/patients/:patientId/results/:resultId',
    {
      config: { auth, patient: { permission: 'record.read', action: 'record.result.read', subject } },
      schema: { params: resultParams, response: { 200: resultDetailSchema } },
    },
    async (req) => results.detail(req.scope!, req.session!, req.params.resultId),
  );
  r.get(
    '/account/result-preferences',
    { config: { auth }, schema: { response: { 200: resultPreferencesSchema } } },
    async (req) => results.preferences(req.session!),
  );
  r.put(
    '/account/result-preferences',
    { config: { auth }, schema: { body: resultPreferencesSchema, response: { 200: resultPreferencesSchema } } },
    async (req) => results.setPreferences(req.session!, req.body),
  );

  // ----- staff: clinicians and nurses of the patient's organisation
  const review = { realm: 'staff' as const, permission: 'results.review' as const };
  r.get(
    '/staff/results',
    {
      config: { auth: review },
      schema: { querystring: staffResultListQuerySchema, response: { 200: staffResultListSchema } },
    },
    async (req) =>
      resultsReview.queue(req.session!, req.query.view, req.query.abnormalFirst === 'true', req.query.cursor),
  );
  r.get(
    '/staff/patients/:patientId/results/:resultId',
    {
      config: { auth: review, patient: { permission: 'results.review', action: 'record.result.read', subject } },
      schema: { params: resultParams, response: { 200: staffResultDetailSchema } },
    },
    async (req) => resultsReview.staffDetail(req.scope!, req.params.resultId),
  );
  r.put(
    '/staff/patients/:patientId/results/:resultId/note',
    {
      config: { auth: review, patient: { permission: 'results.release', action: 'record.result.note.saved' } },
      schema: { params: resultParams, body: resultNoteInputSchema, response: { 200: staffResultDetailSchema } },
    },
    async (req) => resultsReview.saveNote(req.scope!, req.session!, req.params.resultId, req.body.note),
  );
  r.post(
    '/staff/patients/:patientId/results/:resultId/release',
    {
      config: { auth: review, patient: { permission: 'results.release', action: 'record.result.released' } },
      schema: { params: resultParams, body: resultReleaseInputSchema, response: { 200: staffResultDetailSchema } },
    },
    async (req) => resultsReview.release(req.scope!, req.session!, req.params.resultId, req.body.note || undefined),
  );
}
