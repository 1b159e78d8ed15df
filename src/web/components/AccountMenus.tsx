import { Button, Menu, Text } from '@mantine/core';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../paths.ts';
import type { Realm } from '../session/session-state.ts';
import { useSignOut } from '../session/use-sign-out.ts';

/** The menu's button: the person's name, or just "Menu" on a phone, where the header has no room for it. */
function AccountMenuButton({ name, ...props }: { name: string } & Omit<ComponentPropsWithRef<'button'>, 'color'>) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" className="account-menu-button" aria-label={t('accountMenu.label', { name })} {...props}>
      <Text component="span" truncate="end" className="account-menu-name" visibleFrom="sm">
        {name}
      </Text>
      <Text component="span" hiddenFrom="sm">
        {t('accountMenu.short')}
      </Text>
    </Button>
  );
}

/** A signed-in patient's account menu: home, the profile pages (Notifications among them), family access and Sign out. */
export function PatientMenu({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <AccountMenuFrame realm="patient" name={name}>
      <Menu.Item component={Link} to={paths.home}>
        {t('accountMenu.home')}
      </Menu.Item>
      <Menu.Label>{t('accountMenu.profile')}</Menu.Label>
      <Menu.Item component={Link} to={paths.profile.contact}>
        {t('profile.nav.contact')}
      </Menu.Item>
      {/* Where the FAQ says notification choices are: the Profile menu, then Notifications. */}
      <Menu.Item component={Link} to={paths.profile.notifications}>
        {t('profile.nav.notifications')}
      </Menu.Item>
      <Menu.Item component={Link} to={paths.profile.security}>
        {t('profile.nav.security')}
      </Menu.Item>
      <Menu.Item component={Link} to={paths.profile.twoStep}>
        {t('profile.nav.twoStep')}
      </Menu.Item>
      <Menu.Item component={Link} to={paths.profile.activity}>
        {t('profile.nav.activity')}
      </Menu.Item>
      <Menu.Label>{t('accountMenu.family')}</Menu.Label>
      <Menu.Item component={Link} to={paths.profile.sharing}>
        {t('profile.nav.sharing')}
      </Menu.Item>
      <Menu.Item component={Link} to={paths.profile.family}>
        {t('profile.nav.family')}
      </Menu.Item>
      <Menu.Item component={Link} to={paths.profile.accessLog}>
        {t('profile.nav.accessLog')}
      </Menu.Item>
    </AccountMenuFrame>
  );
}

/** A signed-in staff member's account menu: the staff home and Sign out. */
export function StaffMenu({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <AccountMenuFrame realm="staff" name={name}>
      <Menu.Item component={Link} to={paths.staff.home}>
        {t('accountMenu.staffHome')}
      </Menu.Item>
    </AccountMenuFrame>
  );
}

/** Both realms' menus open the same way and end the same way: Sign out, for the session of that realm. */
function AccountMenuFrame({ realm, name, children }: { realm: Realm; name: string; children: ReactNode }) {
  const { t } = useTranslation();
  const signOut = useSignOut(realm);
  return (
    // In the header (a landmark), not a portal; without the focus placeholder, which the menu role does not allow.
    <Menu position="bottom-end" width={240} shadow="md" withinPortal={false} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <AccountMenuButton name={name} />
      </Menu.Target>
      <Menu.Dropdown>
        {children}
        <Menu.Divider />
        <Menu.Item onClick={() => void signOut('signedOut')}>{t('accountMenu.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
