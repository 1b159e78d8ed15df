import { useQuery } from '@tanstack/react-query';
import { publicConfigSchema } from '../../shared/tenant.ts';
import { apiGet } from './client.ts';

/** The organisation facts anyone may see before signing in (names, phone numbers, emergency advice). */
export function usePublicConfig() {
  return useQuery({
    queryKey: ['public-config'],
    queryFn: ({ signal }) => apiGet('/public/config', publicConfigSchema, signal),
    // The tenant file only changes when the server restarts.
    staleTime: Infinity,
  });
}
