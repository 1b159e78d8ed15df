import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { badInput } from '../../platform/errors.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import { textHeader } from '../../platform/text-input.ts';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentSchema,
  chartCorrectionDecisionSchema,
  messageOptionsSchema,
  newThreadRequestSchema,
  recordRequestFulfilmentSchema,
  replyRequestSchema,
  staffReplyRequestSchema,
  threadListQuerySchema,
  threadListSchema,
  threadSchema,
} from '../../../shared/messaging.ts';
import { REPLAY_HEADER } from '../../../shared/idempotency.ts';
import { staffConversationRequestSchema, staffConversationStartedSchema } from '../../../shared/messaging.ts';
import type { AttachmentRow } from './messaging.repository.ts';

const patientParams = z.object({ patientId: z.string().min(1).max(128) });
const threadParams = patientParams.extend({ threadId: z.string().min(1).max(64) });
const attachmentParams = patientParams.extend({ attachmentId: z.string().min(1).max(64) });
const itemParams = z.object({ id: z.string().min(1).max(64) });

/** Ask a Question, the patient's conversations and attachments, and the staff in-basket (src/shared/messaging.ts lists them). */
export async function registerMessagingRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: Services,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { messaging, inBasket } = services;
  const patient = { realm: 'patient' as const };
  const staffReads = {
    auth: { realm: 'staff', permission: 'work_item.read' },
    workItem: { permission: 'work_item.read' },
  } as const;
  const staffAnswers = {
    auth: { realm: 'staff', permission: 'message.reply' },
    workItem: { permission: 'message.reply' },
  } as const;

  // Uploads are raw bytes (the type is read from them, not from this header); only this plugin's routes accept it.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );

  r.get(
    '/patients/:patientId/messages/options',
    {
      config: { auth: patient, patient: { permission: 'message.read', action: 'message.options.read' } },
      schema: { params: patientParams, response: { 200: messageOptionsSchema } },
    },
    async (req) => messaging.options(req.scope!),
  );

  r.get(
    '/patients/:patientId/messages',
    {
      config: { auth: patient, patient: { permission: 'message.read', action: 'message.threads.read' } },
      schema: { params: patientParams, querystring: threadListQuerySchema, response: { 200: threadListSchema } },
    },
    async (req) => messaging.list(req.scope!, req.session!, req.query.box, req.query.q || undefined),
  );

  r.get(
    '/patients/:patientId/messages/:threadId',
    {
      config: { auth: patient, patient: { permission: 'message.read', action: 'message.thread.read' } },
      schema: { params: threadParams, response: { 200: threadSchema } },
    },
    async (req) => messaging.get(req.scope!, req.session!, req.params.threadId),
  );

  r.post(
    '/patients/:patientId/messages',
    {
      config: { auth: patient, patient: { permission: 'message.send', action: 'message.thread.create' } },
      schema: {
        params: patientParams,
        body: newThreadRequestSchema,
        response: { 200: threadSchema, 201: threadSchema },
      },
    },
    async (req, reply) => {
      const { thread, created } = await messaging.create(req.scope!, req.session!, req.body, originOf(req));
      if (!created) void reply.header(REPLAY_HEADER, 'true');
      return reply.status(201).send(thread);
    },
  );

  r.post(
    '/staff/patients/:patientId/messages',
    {
      config: {
        auth: { realm: 'staff', permission: 'message.start' },
        patient: { permission: 'message.start', action: 'message.thread.create' },
      },
      schema: {
        params: patientParams,
        body: staffConversationRequestSchema,
        response: { 200: staffConversationStartedSchema, 201: staffConversationStartedSchema },
      },
    },
    async (req, reply) => {
      const { threadId, created } = await services.staffConversations.start(
        req.scope!,
        req.session!,
        req.body,
        originOf(req),
      );
      if (!created) void reply.header(REPLAY_HEADER, 'true');
      return reply.status(created ? 201 : 200).send({ threadId });
    },
  );
  r.post(
    '/patients/:patientId/messages/:threadId/replies',
    {
      config: { auth: patient, patient: { permission: 'message.send', action: 'message.reply.create' } },
      schema: { params: threadParams, body: replyRequestSchema, response: { 200: threadSchema, 201: threadSchema } },
    },
    async (req, reply) => {
      const { thread, created } = await messaging.reply(
        req.scope!,
        req.session!,
        req.params.threadId,
        req.body,
        originOf(req),
      );
      if (!created) void reply.header(REPLAY_HEADER, 'true');
      return reply.status(201).send(thread);
    },
  );

  r.post(
    '/patients/:patientId/messages/:threadId/read',
    {
      config: { auth: patient, patient: { permission: 'message.read', action: 'message.thread.mark_read' } },
      schema: { params: threadParams },
    },
    async (req, reply) => {
      await messaging.markRead(req.scope!, req.session!, req.params.threadId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/patients/:patientId/attachments',
    {
      config: { auth: patient, patient: { permission: 'message.send', action: 'message.attachment.upload' } },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: { params: patientParams, response: { 201: attachmentSchema } },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw badInput('file', 'Send the file itself (Content-Type: application/octet-stream).');
      const name = fileNameHeader(req.headers['x-file-name']);
      return reply.status(201).send(await messaging.upload(req.scope!, req.session!, req.body, name, originOf(req)));
    },
  );

  r.get(
    '/patients/:patientId/attachments/:attachmentId',
    {
      config: { auth: patient, patient: { permission: 'message.read', action: 'message.attachment.read' } },
      schema: { params: attachmentParams },
    },
    async (req, reply) => {
      const file = await messaging.download(req.scope!, req.session!, req.params.attachmentId);
      return sendFile(reply, file);
    },
  );

  // ----- staff in-basket
  r.get(
    '/staff/work-items/:id/thread',
    { config: staffReads, schema: { params: itemParams, response: { 200: threadSchema } } },
    async (req) => inBasket.thread(req.scope, req.session!, req.params.id, originOf(req)),
  );

  r.post(
    '/staff/work-items/:id/thread/replies',
    {
      config: staffAnswers,
      schema: { params: itemParams, body: staffReplyRequestSchema, response: { 201: threadSchema } },
    },
    async (req, reply) => {
      const { thread, replayed } = await inBasket.reply(
        req.scope,
        req.session!,
        req.params.id,
        req.body.body,
        req.body.done,
        req.body.idempotencyKey,
        originOf(req),
      );
      if (replayed) void reply.header(REPLAY_HEADER, 'true');
      return reply.status(201).send(thread);
    },
  );

  r.post(
    '/staff/work-items/:id/chart-correction',
    {
      config: staffAnswers,
      schema: { params: itemParams, body: chartCorrectionDecisionSchema, response: { 200: threadSchema } },
    },
    async (req) => inBasket.decideChartCorrection(req.scope, req.session!, req.params.id, req.body, originOf(req)),
  );

  r.post(
    '/staff/work-items/:id/record-request',
    {
      config: staffAnswers,
      schema: { params: itemParams, body: recordRequestFulfilmentSchema, response: { 200: threadSchema } },
    },
    async (req) => inBasket.fulfilRecordRequest(req.scope, req.session!, req.params.id, req.body, originOf(req)),
  );

  r.get(
    '/staff/work-items/:id/attachments/:attachmentId',
    { config: staffReads, schema: { params: itemParams.extend({ attachmentId: z.string().min(1).max(64) }) } },
    async (req, reply) =>
      sendFile(
        reply,
        await inBasket.attachment(req.scope, req.session!, req.params.id, req.params.attachmentId, originOf(req)),
      ),
  );
}

/** The file's name from `X-File-Name` (URL-encoded), under the text rule (a control character is a 400). */
function fileNameHeader(value: string | string[] | undefined): string {
  return textHeader(value, 'x-file-name') || 'attachment';
}

/** A stored file as a download: its detected type, never sniffed or rendered in our origin. */
function sendFile(reply: FastifyReply, file: { row: AttachmentRow; bytes: Buffer }): FastifyReply {
  return reply
    .header('content-type', file.row.content_type)
    .header(
      'content-disposition',
      `attachment; filename="${file.row.file_name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.row.file_name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.bytes);
}
