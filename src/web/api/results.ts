import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
} from '@tanstack/react-query';
import {
  resultDetailSchema,
  resultListSchema,
  resultPreferencesSchema,
  resultTrendSchema,
  type ResultList,
  type ResultPreferences,
} from '../../shared/results.ts';
import { apiGet, apiRequest } from './client.ts';
import { recordsKeys } from './records.ts';

/**
 * Health → Test Results for the record in view (src/shared/results.ts lists the routes). Imported only by the
 * results chunk, so the paging machinery stays out of the first load. Replies are cached under
 * `['patient', patientId, 'results', …]`, so the record-in-view watcher notices a lost access (a 404) here too.
 */

/** The list's filters, as the server takes them: a name to look for and calendar dates (YYYY-MM-DD). */
export interface ResultFilters {
  name?: string;
  from?: string;
  to?: string;
}

export const resultsKeys = {
  all: (patientId: string) => ['patient', patientId, 'results'] as const,
  list: (patientId: string, filters: ResultFilters) => ['patient', patientId, 'results', 'list', filters] as const,
  detail: (patientId: string, resultId: string) => ['patient', patientId, 'results', 'detail', resultId] as const,
  trend: (patientId: string, code: string) => ['patient', patientId, 'results', 'trend', code] as const,
};

const resultsPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/results`;

/** The list's address with these filters, from `cursor` on (older results). */
export function resultListPath(patientId: string, filters: ResultFilters, cursor?: string | null): string {
  const query = new URLSearchParams();
  if (filters.name) query.set('name', filters.name);
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (cursor) query.set('cursor', cursor);
  const qs = query.toString();
  return `${resultsPath(patientId)}${qs ? `?${qs}` : ''}`;
}

/** Test results, newest first, a page at a time (`fetchNextPage` for older ones, by the server's keyset cursor). */
export function useResultList(patientId: string, filters: ResultFilters) {
  return useInfiniteQuery({
    queryKey: resultsKeys.list(patientId, filters),
    queryFn: ({ signal, pageParam }) => apiGet(resultListPath(patientId, filters, pageParam), resultListSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Whether a cached query is a results list (of any record in view: the preference belongs to the account). */
function isResultList(queryKey: QueryKey): boolean {
  return queryKey[0] === 'patient' && queryKey[2] === 'results' && queryKey[3] === 'list';
}

/**
 * One result with its values, ranges and the provider's note. Opening it marks it seen for this account, so the
 * lists and Home's count of new results are asked again when next shown.
 */
export function useResultDetail(patientId: string, resultId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: resultsKeys.detail(patientId, resultId),
    queryFn: async ({ signal }) => {
      const detail = await apiGet(
        `${resultsPath(patientId)}/${encodeURIComponent(resultId)}`,
        resultDetailSchema,
        signal,
      );
      if (detail.isNew) {
        void queryClient.invalidateQueries({ predicate: (q) => isResultList(q.queryKey), refetchType: 'none' });
        void queryClient.invalidateQueries({ queryKey: recordsKeys.home(patientId), refetchType: 'none' });
      }
      return detail;
    },
  });
}

/** One test's values over time (by LOINC code), oldest first, with the range that applies today. */
export function useResultTrend(patientId: string, code: string) {
  return useQuery({
    queryKey: resultsKeys.trend(patientId, code),
    queryFn: ({ signal }) =>
      apiGet(`${resultsPath(patientId)}/trends/${encodeURIComponent(code)}`, resultTrendSchema, signal),
  });
}

/**
 * "Show hospital results": remembered for the account (every record it sees), so every results list is asked again,
 * and Home's count with them.
 */
export function useSetResultPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResultPreferences) =>
      apiRequest('PUT', '/account/result-preferences', resultPreferencesSchema, { body }),
    onSuccess: (saved) => {
      // The box shows the saved choice at once; the lists it changes are then asked again.
      queryClient.setQueriesData<InfiniteData<ResultList>>({ predicate: (q) => isResultList(q.queryKey) }, (data) =>
        data ? { ...data, pages: data.pages.map((p) => ({ ...p, ...saved })) } : data,
      );
      void queryClient.invalidateQueries({ predicate: (q) => isResultList(q.queryKey) });
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'patient' && q.queryKey[2] === 'home' });
    },
  });
}
