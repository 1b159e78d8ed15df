import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  allergyListSchema,
  educationTopicSchema,
  healthIssueListSchema,
  homeSummarySchema,
  immunizationListSchema,
  medicalHistorySchema,
  medicationListSchema,
  medicationSchema,
  visitInstructionsListSchema,
  type MedicationList,
  type RefillRequest,
} from '../../shared/records.ts';
import { apiGet, apiRequest } from './client.ts';

/**
 * My health record for the record in view (src/shared/records.ts lists the routes). Replies are cached under
 * `['patient', patientId, …]`, so the record-in-view watcher notices a lost access (a 404) here too.
 */
export const recordsKeys = {
  home: (patientId: string) => ['patient', patientId, 'home'] as const,
  medications: (patientId: string) => ['patient', patientId, 'health', 'medications'] as const,
  allergies: (patientId: string) => ['patient', patientId, 'health', 'allergies'] as const,
  immunizations: (patientId: string) => ['patient', patientId, 'health', 'immunizations'] as const,
  healthIssues: (patientId: string) => ['patient', patientId, 'health', 'health-issues'] as const,
  history: (patientId: string) => ['patient', patientId, 'health', 'history'] as const,
  visitInstructions: (patientId: string) => ['patient', patientId, 'health', 'visit-instructions'] as const,
  education: (patientId: string, topicId: string) => ['patient', patientId, 'health', 'education', topicId] as const,
};

const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

/** The immunization record as a PDF (a same-origin GET with the session cookie; the server sends it as a file). */
export function immunizationPdfHref(patientId: string): string {
  return `/api${patientPath(patientId)}/immunizations/record.pdf`;
}

/** Home's summary in one request: unread messages, requests in progress, counts, and cards later features add. */
export function useHomeSummary(patientId: string) {
  return useQuery({
    queryKey: recordsKeys.home(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/home`, homeSummarySchema, signal),
  });
}

/** Current and past medications, each with its latest refill request and whether another may be asked for. */
export function useMedications(patientId: string) {
  return useQuery({
    queryKey: recordsKeys.medications(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/medications`, medicationListSchema, signal),
  });
}

/**
 * Asks the care team for a refill; the reply is the medication with its refill status, put in the list at once.
 * The idempotency key is made once per form (see newIdempotencyKey in api/idempotency.ts), so a retry asks once.
 */
export function useRequestRefill(patientId: string, medicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RefillRequest) =>
      apiRequest(
        'POST',
        `${patientPath(patientId)}/medications/${encodeURIComponent(medicationId)}/refill-requests`,
        medicationSchema,
        { body },
      ),
    onSuccess: (medication) => {
      queryClient.setQueryData<MedicationList>(recordsKeys.medications(patientId), (list) =>
        list
          ? {
              current: list.current.map((m) => (m.id === medication.id ? medication : m)),
              past: list.past.map((m) => (m.id === medication.id ? medication : m)),
            }
          : list,
      );
      void queryClient.invalidateQueries({ queryKey: recordsKeys.medications(patientId) });
      void queryClient.invalidateQueries({ queryKey: recordsKeys.home(patientId) });
    },
  });
}

/** Allergies and intolerances. */
export function useAllergies(patientId: string) {
  return useQuery({
    queryKey: recordsKeys.allergies(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/allergies`, allergyListSchema, signal),
  });
}

/** Immunizations given. */
export function useImmunizations(patientId: string) {
  return useQuery({
    queryKey: recordsKeys.immunizations(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/immunizations`, immunizationListSchema, signal),
  });
}

/** The problem list, active and resolved, each with its education topics. */
export function useHealthIssues(patientId: string) {
  return useQuery({
    queryKey: recordsKeys.healthIssues(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/health-issues`, healthIssueListSchema, signal),
  });
}

/** Past medical, surgical, family and social history. */
export function useMedicalHistory(patientId: string) {
  return useQuery({
    queryKey: recordsKeys.history(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/history`, medicalHistorySchema, signal),
  });
}

/** Instructions per visit: care plans from the record system and instructions staff added. */
export function useVisitInstructions(patientId: string) {
  return useQuery({
    queryKey: recordsKeys.visitInstructions(patientId),
    queryFn: ({ signal }) =>
      apiGet(`${patientPath(patientId)}/visit-instructions`, visitInstructionsListSchema, signal),
  });
}

/** One education topic (Markdown), read under the record in view. */
export function useEducationTopic(patientId: string, topicId: string) {
  return useQuery({
    queryKey: recordsKeys.education(patientId, topicId),
    queryFn: ({ signal }) =>
      apiGet(`${patientPath(patientId)}/education/${encodeURIComponent(topicId)}`, educationTopicSchema, signal),
  });
}
