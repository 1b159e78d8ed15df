import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  attachmentSchema,
  messageOptionsSchema,
  threadListSchema,
  threadSchema,
  type Attachment,
  type NewThreadRequest,
  type ReplyRequest,
  type Thread,
} from '../../shared/messaging.ts';
import { csrfTokenFor, hasSession, noteActivity, reportSessionEnded } from '../session/session-state.ts';
import { ApiError, apiGet, apiRequest } from './client.ts';
import { noContentSchema } from './session.ts';
import { errorBodySchema } from '../../shared/errors.ts';

/**
 * Secure messaging for the record in view (src/shared/messaging.ts lists the routes). Replies are cached under
 * `['patient', patientId, 'messages', …]`, so the record-in-view watcher notices a lost access (a 404) here too.
 */
export const messagingKeys = {
  all: (patientId: string) => ['patient', patientId, 'messages'] as const,
  options: (patientId: string) => ['patient', patientId, 'messages', 'options'] as const,
  list: (patientId: string, box: MessageBox, q: string) => ['patient', patientId, 'messages', 'list', box, q] as const,
  thread: (patientId: string, threadId: string) => ['patient', patientId, 'messages', 'thread', threadId] as const,
};

export type MessageBox = 'inbox' | 'sent';

const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

/** The address of an attachment's download (a same-origin GET with the session cookie; the server sends it as a file). */
export function attachmentHref(patientId: string, attachmentId: string): string {
  return `/api${patientPath(patientId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** Who the record in view may write to (the care team it has seen), the usual reply time, and whether it may send at all. */
export function useMessageOptions(patientId: string) {
  return useQuery({
    queryKey: messagingKeys.options(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/messages/options`, messageOptionsSchema, signal),
  });
}

/** The conversations with a reply (inbox) or still waiting for one (sent), newest activity first, optionally searched. */
export function useThreads(patientId: string, box: MessageBox, q: string) {
  const query = new URLSearchParams({ box, ...(q ? { q } : {}) });
  return useQuery({
    queryKey: messagingKeys.list(patientId, box, q),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/messages?${query}`, threadListSchema, signal),
  });
}

/** One conversation, oldest message first. */
export function useThread(patientId: string, threadId: string, enabled = true) {
  return useQuery({
    queryKey: messagingKeys.thread(patientId, threadId),
    queryFn: ({ signal }) =>
      apiGet(`${patientPath(patientId)}/messages/${encodeURIComponent(threadId)}`, threadSchema, signal),
    enabled,
  });
}

/** Marks a conversation read for the signed-in account; the lists are refreshed so the "New" marker goes. */
export function useMarkThreadRead(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (threadId: string) =>
      apiRequest('POST', `${patientPath(patientId)}/messages/${encodeURIComponent(threadId)}/read`, noContentSchema),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...messagingKeys.all(patientId), 'list'] }),
  });
}

/** Sends a new question (medical or customer service); the reply is the new conversation. */
export function useSendQuestion(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewThreadRequest) =>
      apiRequest('POST', `${patientPath(patientId)}/messages`, threadSchema, { body }),
    onSuccess: (thread) => storeThread(queryClient, patientId, thread),
  });
}

/** Sends a reply in a conversation; the reply is the conversation as it now is. */
export function useSendReply(patientId: string, threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplyRequest) =>
      apiRequest('POST', `${patientPath(patientId)}/messages/${encodeURIComponent(threadId)}/replies`, threadSchema, {
        body,
      }),
    onSuccess: (thread) => storeThread(queryClient, patientId, thread),
  });
}

function storeThread(queryClient: ReturnType<typeof useQueryClient>, patientId: string, thread: Thread): void {
  queryClient.setQueryData(messagingKeys.thread(patientId, thread.id), thread);
  void queryClient.invalidateQueries({ queryKey: [...messagingKeys.all(patientId), 'list'] });
}

/**
 * Uploads one file as raw bytes, before the message that carries it is sent. The server reads the type from the
 * bytes (an image or a PDF) and answers 400 with a message for anything else; that message is the ApiError's.
 */
export async function uploadAttachment(patientId: string, file: File): Promise<Attachment> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
  };
  const csrfToken = csrfTokenFor('patient');
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const hadSession = hasSession('patient');
  let response: Response;
  try {
    response = await fetch(`/api${patientPath(patientId)}/attachments`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(payload);
    const error = parsed.success
      ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.field)
      : new ApiError(response.status, 'bad_response', `The server answered with status ${response.status}.`);
    if (error.status === 401 && error.code === 'not_signed_in' && hadSession) reportSessionEnded('patient');
    throw error;
  }
  const parsed = attachmentSchema.safeParse(payload);
  if (!parsed.success)
    throw new ApiError(response.status, 'bad_response', 'Unexpected reply from the attachment upload.');
  if (hadSession) noteActivity('patient');
  return parsed.data;
}
