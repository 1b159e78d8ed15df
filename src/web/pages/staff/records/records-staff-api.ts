import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  educationTopicListSchema,
  educationTopicSchema,
  newVisitInstructionsSchema,
  type RefillDecision,
} from '../../../../shared/records.ts';
import { workItemSchema } from '../../../../shared/work-queue.ts';
import { apiGet, apiRequest } from '../../../api/client.ts';

/**
 * The staff side of the health record (src/shared/records.ts lists the routes): a refill decision on a work item,
 * visit instructions added to a patient's visit, and the organisation's education topics.
 */
const topicsKey = ['staff', 'admin', 'education-topics'] as const;
const emptyReply = z.unknown();

/** Approves a refill, or denies it with the reason the patient reads; the item and the queue lists are asked again. */
export function useRefillDecision(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: RefillDecision) =>
      apiRequest('POST', `/staff/work-items/${encodeURIComponent(itemId)}/refill`, workItemSchema, { body: decision }),
    onSuccess: (item) => {
      queryClient.setQueryData(['staff', 'work-items', 'item', itemId], item);
      void queryClient.invalidateQueries({ queryKey: ['staff', 'work-items'] });
    },
  });
}

export type NewVisitInstructions = z.infer<typeof newVisitInstructionsSchema>;

/** Adds instructions to one of the patient's visits (clinicians and nurses); the patient sees them under Visit instructions. */
export function useAddVisitInstructions(patientId: string) {
  return useMutation({
    mutationFn: (body: NewVisitInstructions) =>
      apiRequest('POST', `/staff/patients/${encodeURIComponent(patientId)}/visit-instructions`, emptyReply, { body }),
  });
}

/** Every education topic (admins). */
export function useEducationTopics() {
  return useQuery({
    queryKey: topicsKey,
    queryFn: ({ signal }) => apiGet('/staff/admin/education-topics', educationTopicListSchema, signal),
  });
}

export interface EducationTopicInput {
  title: string;
  body: string;
  codes: string[];
}

/** Creates a topic (no id) or saves an existing one. */
export function useSaveEducationTopic(topicId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EducationTopicInput) =>
      topicId
        ? apiRequest('PUT', `/staff/admin/education-topics/${encodeURIComponent(topicId)}`, educationTopicSchema, {
            body,
          })
        : apiRequest('POST', '/staff/admin/education-topics', educationTopicSchema, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: topicsKey }),
  });
}
