import { useQuery } from '@tanstack/react-query';
import { documentCenterSchema } from '../../shared/documents.ts';
import { apiGet } from './client.ts';

/** Health → Documents for the record in view (src/shared/documents.ts lists the routes). */
export const documentsKeys = {
  center: (patientId: string) => ['patient', patientId, 'health', 'documents'] as const,
};

const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

/** Documents released to the patient and the amendments noted on the record, newest first. */
export function useDocumentCenter(patientId: string) {
  return useQuery({
    queryKey: documentsKeys.center(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/documents`, documentCenterSchema, signal),
  });
}

/** A document's file (a same-origin GET with the session cookie; the server sends it as a download). */
export function documentFileHref(patientId: string, documentId: string): string {
  return `/api${patientPath(patientId)}/documents/${encodeURIComponent(documentId)}/file`;
}
