import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortalConfig } from './use-portal-config.ts';

/** Sets the document title to "<page> · <portal name>", which screen readers announce on navigation. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  useEffect(() => {
    document.title = t('app.pageTitle', { page, portalName });
  }, [t, page, portalName]);
}
