import { Anchor, Box, Container, Stack, Text } from '@mantine/core';
import { Suspense, useEffect, useRef, type MouseEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { PublicConfig } from '../../shared/tenant.ts';
import { usePublicConfig } from '../api/public-config.ts';
import { paths } from '../paths.ts';
import type { PortalOutletContext } from '../hooks/use-portal-config.ts';
import { AccountMenu, realmOfPage } from './AccountMenu.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { PageLoadError, PageLoading } from './PageStatus.tsx';
import { HealthLink } from './HealthLink.tsx';
import { MessagesLink } from './MessagesLink.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { PhoneLink } from './PhoneLink.tsx';
import { RecordSwitcher } from './RecordSwitcher.tsx';
import { SessionEvents } from './SessionEvents.tsx';
import { VisitsLink } from './VisitsLink.tsx';

const mainId = 'main-content';

/**
 * The frame of every page: skip link, banner with the portal's name, main, and a footer with
 * portal support and the FAQ's rule that the portal is not for urgent or emergency concerns.
 * Pages render only once the organisation facts have loaded.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const configQuery = usePublicConfig();
  const config = configQuery.data;
  const mainRef = useFocusMainOnNavigation();
  const { pathname } = useLocation();

  function handleSkipLinkClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    mainRef.current?.focus();
  }

  return (
    <div className="app-frame">
      <SessionEvents />
      <a className="skip-link" href={`#${mainId}`} onClick={handleSkipLinkClick}>
        {t('app.skipToContent')}
      </a>
      <AppHeader config={config} />
      <Box component="main" id={mainId} ref={mainRef} tabIndex={-1} className="app-main">
        {config ? (
          <PageErrorBoundary resetKey={pathname}>
            {/* Pages are fetched per area when first shown (App.tsx): the loading state stands in meanwhile. */}
            <Suspense fallback={<PageLoading />}>
              <Outlet context={{ config } satisfies PortalOutletContext} />
            </Suspense>
          </PageErrorBoundary>
        ) : configQuery.isError ? (
          <PageLoadError
            onRetry={() => void configQuery.refetch()}
            retrying={configQuery.isFetching}
            error={configQuery.error}
          />
        ) : (
          <PageLoading />
        )}
      </Box>
      {/* The footer speaks to patients (emergencies, portal support); staff pages have none. */}
      {config && realmOfPage(pathname) === 'patient' && <AppFooter config={config} />}
    </div>
  );
}

/**
 * Moves keyboard and screen-reader focus to the new page's heading after an in-app navigation (or to
 * main when the page has no heading yet), as a full page load would reset it.
 */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector<HTMLHeadingElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else {
      mainRef.current?.focus();
    }
  }, [pathname]);
  return mainRef;
}

function AppHeader({ config }: { config: PublicConfig | undefined }) {
  const { t } = useTranslation();
  const portalName = config?.portalName ?? t('app.fallbackName');
  const { pathname } = useLocation();
  const realm = realmOfPage(pathname);
  const homePath = realm === 'staff' ? paths.staff.home : paths.signIn;
  return (
    <Box component="header" className="app-header">
      <Container size="lg" className="app-header-inner">
        <Anchor component={Link} to={homePath} underline="never" className="app-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span>
            <Text component="span" className="app-brand-name">
              {portalName}
            </Text>
            {config && (
              <Text component="span" className="app-brand-org">
                {t('header.providedBy', { organisationName: config.organisationName })}
              </Text>
            )}
          </span>
        </Anchor>
        {config && realm === 'patient' && <RecordSwitcher />}
        {config && (
          <div className="app-header-actions">
            {realm === 'patient' && <HealthLink />}
            {realm === 'patient' && <VisitsLink />}
            {realm === 'patient' && <MessagesLink />}
            {realm === 'patient' && <NotificationBell />}
            <AccountMenu />
          </div>
        )}
      </Container>
    </Box>
  );
}

function AppFooter({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const { portalName, organisationName, contacts } = config;
  return (
    <Box component="footer" className="app-footer">
      <Container size="lg">
        <Stack gap="md" py="lg">
          <Box className="emergency-note">
            <Text fw={700} size="sm">
              {t('footer.emergencyTitle')}
            </Text>
            <Text size="sm">
              {t('footer.emergency', {
                portalName,
                urgentCare: contacts.urgentCare,
                emergencyNumber: contacts.emergencyNumber,
              })}
            </Text>
          </Box>
          <Text size="sm">
            <Trans
              i18nKey="footer.support"
              values={{ portalName, phone: contacts.portalSupport.phone }}
              components={{ phone: <PhoneLink phone={contacts.portalSupport.phone} fw={600} /> }}
            />
          </Text>
          <Text size="xs" c="dimmed">
            {t('footer.operatedBy', { portalName, organisationName })}
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
