import { useInfiniteQuery } from '@tanstack/react-query';
import { accessLogResponseSchema } from '../../shared/proxy.ts';
import { apiGet } from './client.ts';

/**
 * The access log's calls (src/shared/proxy.ts lists the route), apart from the other proxy calls so that the paging
 * machinery comes with the profile pages, not with every page's first load. Cached under `['patient', patientId, …]`
 * like every patient-data reply (the record-in-view watcher reads that key to notice a lost access).
 */

const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;

export interface AccessLogFilters {
  from?: string;
  to?: string;
  actorId?: string;
}

/** The query string of the access log with these filters, in the given format, from `cursor` on (older). */
export function accessLogPath(
  patientId: string,
  filters: AccessLogFilters,
  format: 'json' | 'csv',
  cursor?: string | null,
): string {
  const query = new URLSearchParams();
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.actorId) query.set('actorId', filters.actorId);
  if (cursor) query.set('cursor', cursor);
  if (format === 'csv') query.set('format', 'csv');
  const qs = query.toString();
  return `${patientPath(patientId)}/access-log${qs ? `?${qs}` : ''}`;
}

/**
 * Who opened or changed the record, newest first, a page at a time (`fetchNextPage` for older entries); a view-only
 * proxy gets a 403 with the server's message.
 */
export function useAccessLog(patientId: string, filters: AccessLogFilters) {
  return useInfiniteQuery({
    queryKey: ['patient', patientId, 'access-log', filters] as const,
    queryFn: ({ signal, pageParam }) =>
      apiGet(accessLogPath(patientId, filters, 'json', pageParam), accessLogResponseSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
