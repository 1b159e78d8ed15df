import { Box, Container, NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useOutletContext } from 'react-router';
import type { SignedInOutletContext } from '../../components/RequireSession.tsx';
import { paths } from '../../paths.ts';

const sections = [
  { to: paths.profile.contact, key: 'contact' },
  { to: paths.profile.notifications, key: 'notifications' },
  { to: paths.profile.security, key: 'security' },
  { to: paths.profile.twoStep, key: 'twoStep' },
  { to: paths.profile.activity, key: 'activity' },
  { to: paths.profile.sharing, key: 'sharing' },
  { to: paths.profile.family, key: 'family' },
  { to: paths.profile.accessLog, key: 'accessLog' },
] as const;

/** The profile area: its own navigation beside (or, on a phone, above) the page. */
export function ProfileLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const context = useOutletContext<SignedInOutletContext>();
  return (
    <Container size="lg" py={{ base: 'md', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <div className="profile-layout">
        <Box component="nav" aria-label={t('profile.navLabel')} className="profile-nav">
          {sections.map((section) => (
            <NavLink
              key={section.key}
              component={Link}
              to={section.to}
              label={t(`profile.nav.${section.key}`)}
              active={pathname === section.to}
              aria-current={pathname === section.to ? 'page' : undefined}
            />
          ))}
        </Box>
        <div className="profile-content">
          <Outlet context={context} />
        </div>
      </div>
    </Container>
  );
}
