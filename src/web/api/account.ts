import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { activityItemSchema, profileSchema } from '../../shared/identity.ts';
import { apiGet } from './client.ts';

export const profileQueryKey = ['account', 'profile'] as const;

/** The signed-in patient's own account: contact details and 2-step state. */
export function useProfile() {
  return useQuery({
    queryKey: profileQueryKey,
    queryFn: ({ signal }) => apiGet('/account/profile', profileSchema, signal),
  });
}

const activityListSchema = z.array(activityItemSchema);

/** Recent sign-ins and security changes of the signed-in account, newest first. */
export function useAccountActivity() {
  return useQuery({
    queryKey: ['account', 'activity'],
    queryFn: ({ signal }) => apiGet('/account/activity', activityListSchema, signal),
  });
}
