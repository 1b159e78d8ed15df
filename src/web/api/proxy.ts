import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  invitationItemSchema,
  proxyRequestItemSchema,
  recordsResponseSchema,
  recordSummarySchema,
  sharingResponseSchema,
  shareInvitationRequestSchema,
  type MinorAccessRequest,
} from '../../shared/proxy.ts';
import { apiGet, apiRequest } from './client.ts';
import { noContentSchema } from './session.ts';

/**
 * The proxy-access calls (src/shared/proxy.ts lists the routes). Patient-data replies are cached under
 * `['patient', patientId, …]`: the record-in-view watcher reads that key to notice a lost access (a 404).
 */
export const proxyKeys = {
  records: ['account', 'records'] as const,
  requests: ['account', 'proxy-requests'] as const,
  invitations: ['account', 'invitations'] as const,
  patient: (patientId: string) => ['patient', patientId] as const,
  summary: (patientId: string) => ['patient', patientId, 'summary'] as const,
  sharing: (patientId: string) => ['patient', patientId, 'proxies'] as const,
};

const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

/** My own record and every record I may act for, for the record switcher. */
export function useRecords(enabled = true) {
  return useQuery({
    queryKey: proxyKeys.records,
    queryFn: ({ signal }) => apiGet('/account/records', recordsResponseSchema, signal),
    enabled,
  });
}

/** The record in view's name and what the caller may do with it; a 404 means the access has ended. */
export function useRecordSummary(patientId: string | null) {
  return useQuery({
    queryKey: proxyKeys.summary(patientId ?? ''),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId ?? '')}/summary`, recordSummarySchema, signal),
    enabled: patientId !== null,
  });
}

const proxyRequestListSchema = z.array(proxyRequestItemSchema);
const invitationListSchema = z.array(invitationItemSchema);

/** My requests for access to a child's record, with their status. */
export function useProxyRequests() {
  return useQuery({
    queryKey: proxyKeys.requests,
    queryFn: ({ signal }) => apiGet('/account/proxy-requests', proxyRequestListSchema, signal),
  });
}

/** Adults who invited me to see their record, waiting for my answer. */
export function useInvitations() {
  return useQuery({
    queryKey: proxyKeys.invitations,
    queryFn: ({ signal }) => apiGet('/account/invitations', invitationListSchema, signal),
  });
}

/** A parent asks for a child's record; staff review it. */
export function useRequestMinorAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MinorAccessRequest) => apiRequest('POST', '/account/proxy-requests', noContentSchema, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: proxyKeys.requests }),
  });
}

/** Accept or decline an invitation; accepting adds the record to the switcher. */
export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: 'accept' | 'decline' }) =>
      apiRequest('POST', `/account/invitations/${encodeURIComponent(id)}/${answer}`, noContentSchema),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: proxyKeys.invitations });
      void queryClient.invalidateQueries({ queryKey: proxyKeys.records });
    },
  });
}

/** The proxies I granted on my own record (active and revoked) and my pending invitations. */
export function useSharing(ownPatientId: string) {
  return useQuery({
    queryKey: proxyKeys.sharing(ownPatientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(ownPatientId)}/proxies`, sharingResponseSchema, signal),
  });
}

export type ShareInvitation = z.infer<typeof shareInvitationRequestSchema>;

type SharingChange =
  | { kind: 'invite'; body: ShareInvitation }
  | { kind: 'revoke'; grantId: string; password: string }
  | { kind: 'cancel'; invitationId: string };

/** Invite someone to my record, stop a grant (password again), or cancel an invitation; the list is refreshed. */
export function useChangeSharing(ownPatientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: SharingChange) => {
      const base = `${patientPath(ownPatientId)}/proxies`;
      switch (change.kind) {
        case 'invite':
          return apiRequest('POST', `${base}/invitations`, noContentSchema, { body: change.body });
        case 'revoke':
          return apiRequest('POST', `${base}/${encodeURIComponent(change.grantId)}/revoke`, noContentSchema, {
            body: { password: change.password },
          });
        case 'cancel':
          return apiRequest(
            'POST',
            `${base}/invitations/${encodeURIComponent(change.invitationId)}/cancel`,
            noContentSchema,
          );
      }
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: proxyKeys.sharing(ownPatientId) }),
  });
}

/** The access log's filters, as the route takes them (YYYY-MM-DD dates, an actor id). */
