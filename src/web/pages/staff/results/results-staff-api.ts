import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  staffResultDetailSchema,
  staffResultListSchema,
  type StaffResultDetail,
  type staffResultViews,
} from '../../../../shared/results.ts';
import { apiGet, apiRequest } from '../../../api/client.ts';

/** Which results the queue shows: newly resulted, held, or everything. */
export type StaffResultView = (typeof staffResultViews)[number];

/**
 * The results queue's calls (src/shared/results.ts lists the staff routes): the list a page at a time, one result,
 * its note and its release. A saved note or a release answers with the result as it now is; the lists (and their
 * counts) are asked again.
 */
const keys = {
  all: ['staff', 'results'] as const,
  list: (view: StaffResultView, abnormalFirst: boolean) => ['staff', 'results', 'list', view, abnormalFirst] as const,
  one: (patientId: string, resultId: string) => ['staff', 'results', 'one', patientId, resultId] as const,
};

const resultPath = (patientId: string, resultId: string) =>
  `/staff/patients/${encodeURIComponent(patientId)}/results/${encodeURIComponent(resultId)}`;

/** One view of the queue, newest first (or abnormal first), older pages with `fetchNextPage`. */
export function useStaffResults(view: StaffResultView, abnormalFirst: boolean) {
  return useInfiniteQuery({
    queryKey: keys.list(view, abnormalFirst),
    queryFn: ({ signal, pageParam }) => {
      const query = new URLSearchParams({ view, ...(abnormalFirst ? { abnormalFirst: 'true' } : {}) });
      if (pageParam) query.set('cursor', pageParam);
      return apiGet(`/staff/results?${query}`, staffResultListSchema, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
}

/** One result with its values, release and viewed state; each fetch is a read the patient's access log shows. */
export function useStaffResult(patientId: string, resultId: string) {
  return useQuery({
    queryKey: keys.one(patientId, resultId),
    queryFn: ({ signal }) => apiGet(resultPath(patientId, resultId), staffResultDetailSchema, signal),
  });
}

function useResultChange<V>(
  patientId: string,
  resultId: string,
  send: (path: string, variables: V) => Promise<StaffResultDetail>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => send(resultPath(patientId, resultId), variables),
    onSuccess: (result) => {
      queryClient.setQueryData(keys.one(patientId, resultId), result);
      void queryClient.invalidateQueries({ queryKey: [...keys.all, 'list'] });
    },
  });
}

/** Writes (or rewrites) the note the patient reads with the result. */
export function useSaveResultNote(patientId: string, resultId: string) {
  return useResultChange(patientId, resultId, (path, note: string) =>
    apiRequest('PUT', `${path}/note`, staffResultDetailSchema, { body: { note } }),
  );
}

/** Releases a held result to the patient (and their proxies), with the note when one is given. */
export function useReleaseResult(patientId: string, resultId: string) {
  return useResultChange(patientId, resultId, (path, note: string | undefined) =>
    apiRequest('POST', `${path}/release`, staffResultDetailSchema, { body: note ? { note } : {} }),
  );
}
