import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageFailureCard } from '../components/PageStatus.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { paths } from '../paths.ts';

/** Any address the app does not know. The server answers such paths with the app, so this page says so. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const title = t('notFound.title');
  usePageTitle(title);

  return (
    <PageFailureCard title={title} body={t('notFound.body')}>
      <Anchor component={Link} to={paths.signIn}>
        {t('notFound.home')}
      </Anchor>
    </PageFailureCard>
  );
}
