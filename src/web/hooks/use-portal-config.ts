import { useOutletContext } from 'react-router';
import type { PublicConfig } from '../../shared/tenant.ts';

/** What AppLayout hands to every page through the router outlet, once the organisation facts have loaded. */
export interface PortalOutletContext {
  config: PublicConfig;
}

/**
 * The organisation facts for a page rendered inside AppLayout. AppLayout renders pages only after
 * `/api/public/config` has loaded, so pages never handle a missing config themselves.
 */
export function usePortalConfig(): PublicConfig {
  return useOutletContext<PortalOutletContext>().config;
}
