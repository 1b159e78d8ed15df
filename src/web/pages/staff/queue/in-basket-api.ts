import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  threadSchema,
  type ChartCorrectionDecision,
  type RecordRequestFulfilment,
  type Thread,
} from '../../../../shared/messaging.ts';
import { apiGet, apiRequest } from '../../../api/client.ts';

/**
 * The in-basket's calls for a patient-message work item (src/shared/messaging.ts lists the routes): its conversation,
 * a reply (optionally closing the item), a chart-correction decision and a record request's fulfilment. Each answer
 * is the conversation as it now is; the item and the queue lists are asked again, as their state may have changed.
 */
const threadKey = (itemId: string) => ['staff', 'work-items', 'item', itemId, 'thread'] as const;
const itemPath = (itemId: string) => `/staff/work-items/${encodeURIComponent(itemId)}`;

/** Where a staff member downloads an attachment of the item's conversation. */
export function staffAttachmentHref(itemId: string, attachmentId: string): string {
  return `/api${itemPath(itemId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

export function useItemThread(itemId: string) {
  return useQuery({
    queryKey: threadKey(itemId),
    queryFn: ({ signal }) => apiGet(`${itemPath(itemId)}/thread`, threadSchema, signal),
  });
}

type InBasketAction =
  | { kind: 'reply'; body: string; done: boolean; idempotencyKey: string }
  | { kind: 'chart-correction'; decision: ChartCorrectionDecision }
  | { kind: 'record-request'; fulfilment: RecordRequestFulfilment };

/** Reply, decide a chart correction, or mark a record request fulfilled. */
export function useInBasketAction(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: InBasketAction): Promise<Thread> => {
      switch (action.kind) {
        case 'reply':
          return apiRequest('POST', `${itemPath(itemId)}/thread/replies`, threadSchema, {
            body: { body: action.body, done: action.done, idempotencyKey: action.idempotencyKey },
          });
        case 'chart-correction':
          return apiRequest('POST', `${itemPath(itemId)}/chart-correction`, threadSchema, { body: action.decision });
        case 'record-request':
          return apiRequest('POST', `${itemPath(itemId)}/record-request`, threadSchema, { body: action.fulfilment });
      }
    },
    onSuccess: (thread) => {
      queryClient.setQueryData(threadKey(itemId), thread);
      void queryClient.invalidateQueries({
        queryKey: ['staff', 'work-items'],
        predicate: (q) => q.queryKey[4] !== 'thread',
      });
    },
  });
}
