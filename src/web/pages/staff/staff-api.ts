import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  codeIssuedFromRequestSchema,
  issuedActivationCodeSchema,
  patientSearchResultSchema,
  staffPatientViewSchema,
  type IssueCodeFromRequest,
} from '../../../shared/front-desk.ts';
import { deliveryOverviewSchema } from '../../../shared/notifications.ts';
import {
  createdStaffAccountSchema,
  resetStaffPasswordSchema,
  staffAccountListSchema,
  staffAccountSchema,
  organisationListSchema,
  type CreateStaffAccountRequest,
  type ResetStaffPassword,
  type StaffAccount,
} from '../../../shared/staff-admin.ts';
import {
  assigneesSchema,
  workItemListSchema,
  workItemSchema,
  workPoolsSchema,
  type CloseWorkItemRequest,
  type WorkItemStatusFilter,
} from '../../../shared/work-queue.ts';
import { apiGet, apiRequest } from '../../api/client.ts';
import { noContentSchema } from '../../api/session.ts';

/**
 * The staff pages' API calls (src/shared/work-queue.ts, front-desk.ts, staff-admin.ts and notifications.ts list the routes).
 * Every reply is checked against the shared schema by the client; changes refresh the lists they touch.
 */

const keys = {
  items: ['staff', 'work-items'] as const,
  item: (id: string) => ['staff', 'work-items', 'item', id] as const,
  // Under `items`: every change to an item refreshes the tabs' counts too.
  pools: ['staff', 'work-items', 'pools'] as const,
  patients: ['staff', 'patients'] as const,
  accounts: ['staff', 'accounts'] as const,
  deliveries: ['staff', 'deliveries'] as const,
  organisations: ['staff', 'organisations'] as const,
};

/** The pools (tabs) the signed-in staff member works. */
export function useWorkPools() {
  return useQuery({
    queryKey: keys.pools,
    queryFn: ({ signal }) => apiGet('/staff/work-items/pools', workPoolsSchema, signal),
  });
}

/** One pool's items with a status filter, soonest due first; refreshed every minute so "overdue" stays true. */
export function useWorkItems(pool: string | undefined, status: WorkItemStatusFilter) {
  const query = new URLSearchParams({ status, ...(pool ? { pool } : {}) });
  return useQuery({
    queryKey: [...keys.items, pool ?? '', status],
    queryFn: ({ signal }) => apiGet(`/staff/work-items?${query}`, workItemListSchema, signal),
    enabled: pool !== undefined,
    refetchInterval: 60_000,
  });
}

export function useWorkItem(id: string) {
  return useQuery({
    queryKey: keys.item(id),
    queryFn: ({ signal }) => apiGet(`/staff/work-items/${encodeURIComponent(id)}`, workItemSchema, signal),
  });
}

export function useAssignees(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.item(id), 'assignees'],
    queryFn: ({ signal }) => apiGet(`/staff/work-items/${encodeURIComponent(id)}/assignees`, assigneesSchema, signal),
    enabled,
  });
}

type ItemAction =
  | { kind: 'claim' }
  | { kind: 'release' }
  | { kind: 'assign'; assigneeId: string }
  | { kind: 'close'; body: CloseWorkItemRequest }
  | { kind: 'decline'; reason: string };

/** Claim, release, assign, close or decline an item; the item and the lists are refreshed afterwards. */
export function useWorkItemAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ItemAction) => {
      const base = `/staff/work-items/${encodeURIComponent(id)}`;
      switch (action.kind) {
        case 'claim':
        case 'release':
          return apiRequest('POST', `${base}/${action.kind}`, workItemSchema, { body: {} });
        case 'assign':
          return apiRequest('POST', `${base}/assign`, workItemSchema, { body: { assigneeId: action.assigneeId } });
        case 'close':
          return apiRequest('POST', `${base}/close`, workItemSchema, { body: action.body });
        case 'decline':
          return apiRequest('POST', `${base}/activation-code/decline`, workItemSchema, {
            body: { reason: action.reason },
          });
      }
    },
    onSuccess: (item) => {
      queryClient.setQueryData(keys.item(id), item);
      void queryClient.invalidateQueries({ queryKey: keys.items });
    },
  });
}

/** Issues a code from an activation-code request; the reply carries the code (shown once) and the closed item. */
export function useIssueCodeFromRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (match: IssueCodeFromRequest) =>
      apiRequest('POST', `/staff/work-items/${encodeURIComponent(id)}/activation-code`, codeIssuedFromRequestSchema, {
        body: match,
      }),
    onSuccess: (reply) => {
      queryClient.setQueryData(keys.item(id), reply.item);
      void queryClient.invalidateQueries({ queryKey: keys.items });
    },
  });
}

type ProxyDecision = { kind: 'approve'; patientId: string } | { kind: 'deny'; reason: string };

/** Approves a parent's request for a child's record (matched to the child's record) or denies it with a reason the parent reads. */
export function useProxyDecision(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: ProxyDecision) => {
      const base = `/staff/work-items/${encodeURIComponent(id)}/proxy`;
      return decision.kind === 'approve'
        ? apiRequest('POST', `${base}/approve`, workItemSchema, { body: { patientId: decision.patientId } })
        : apiRequest('POST', `${base}/deny`, workItemSchema, { body: { reason: decision.reason } });
    },
    onSuccess: (item) => {
      queryClient.setQueryData(keys.item(id), item);
      void queryClient.invalidateQueries({ queryKey: keys.items });
    },
  });
}

/** For a request by phone or email: staff give a parent (by username) full access to a minor's record. */
export function useGrantProxyDirectly(patientId: string) {
  return useMutation({
    mutationFn: (body: { username: string; relationship: string; reason: string }) =>
      apiRequest('POST', `/staff/patients/${encodeURIComponent(patientId)}/proxies`, noContentSchema, { body }),
  });
}

/** Patients matching a name or birth date; nothing is asked until the query has 2 characters. */
export function usePatientSearch(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: [...keys.patients, 'search', trimmed],
    queryFn: ({ signal }) =>
      apiGet(`/staff/patients?${new URLSearchParams({ q: trimmed })}`, patientSearchResultSchema, signal),
    enabled: trimmed.length >= 2,
  });
}

export function useStaffPatient(patientId: string) {
  return useQuery({
    queryKey: [...keys.patients, patientId],
    queryFn: ({ signal }) => apiGet(`/staff/patients/${encodeURIComponent(patientId)}`, staffPatientViewSchema, signal),
  });
}

/** Issues a code at the desk. The code is kept only in the mutation's result, never in the query cache. */
export function useIssueActivationCode(patientId: string) {
  return useMutation({
    mutationFn: (encounterId: string | undefined) =>
      apiRequest(
        'POST',
        `/staff/patients/${encodeURIComponent(patientId)}/activation-codes`,
        issuedActivationCodeSchema,
        { body: encounterId ? { encounterId } : {} },
      ),
  });
}

export function useStaffAccounts() {
  return useQuery({
    queryKey: keys.accounts,
    queryFn: ({ signal }) => apiGet('/staff/admin/accounts', staffAccountListSchema, signal),
  });
}

/** The organisations patients are seen at (what staff can belong to). */
export function useOrganisations() {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => apiGet('/staff/admin/organisations', organisationListSchema, signal),
  });
}

export function useSetStaffOrganisations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, organisations }: { id: string; organisations: string[] }) =>
      apiRequest('PUT', `/staff/admin/accounts/${encodeURIComponent(id)}/organisations`, staffAccountSchema, {
        body: { organisations },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.accounts }),
  });
}

export function useCreateStaffAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStaffAccountRequest) =>
      apiRequest('POST', '/staff/admin/accounts', createdStaffAccountSchema, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.accounts }),
  });
}

/** What an admin may do to a colleague's account (the routes under /staff/admin/accounts/:id/). */
export type StaffAccountControl = 'reset-password' | 'reset-two-step' | 'disable' | 'enable';

/** One control on a colleague's account; a password reset answers with the one-time password (shown once). */
export function useStaffAccountControl() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      control,
    }: {
      id: string;
      control: StaffAccountControl;
    }): Promise<{ account: StaffAccount; reset: ResetStaffPassword | null }> => {
      const path = `/staff/admin/accounts/${encodeURIComponent(id)}/${control}`;
      if (control === 'reset-password') {
        const reset = await apiRequest('POST', path, resetStaffPasswordSchema);
        return { account: reset.account, reset };
      }
      return { account: await apiRequest('POST', path, staffAccountSchema), reset: null };
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: keys.accounts }),
  });
}

/** The outbox for admins: messages per status, which channels really send, and the dead letters (never their payloads). */
export function useDeliveryOverview() {
  return useQuery({
    queryKey: keys.deliveries,
    queryFn: ({ signal }) => apiGet('/staff/admin/deliveries', deliveryOverviewSchema, signal),
  });
}

/** Puts a dead letter back in the queue with a fresh set of attempts (once its cause is fixed). */
export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest('POST', `/staff/admin/deliveries/${encodeURIComponent(id)}/retry`, noContentSchema),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: keys.deliveries }),
  });
}
