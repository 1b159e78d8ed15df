import { Button } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageFailureCard } from './PageStatus.tsx';

interface PageErrorBoundaryProps {
  /** Changing it (the page's path) clears a caught error, so navigating away works again. */
  resetKey: string;
  children: ReactNode;
}

interface PageErrorBoundaryState {
  hasError: boolean;
  resetKey: string;
}

/** A page that fails while rendering shows a way out instead of a blank screen; the header and footer stay. */
export class PageErrorBoundary extends Component<PageErrorBoundaryProps, PageErrorBoundaryState> {
  override state: PageErrorBoundaryState = { hasError: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<PageErrorBoundaryState> {
    return { hasError: true };
  }

  static getDerivedStateFromProps(
    props: PageErrorBoundaryProps,
    state: PageErrorBoundaryState,
  ): Partial<PageErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { hasError: false, resetKey: props.resetKey };
  }

  override render() {
    return this.state.hasError ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const { t } = useTranslation();
  return (
    <PageFailureCard title={t('errors.pageTitle')} body={t('errors.pageBody')}>
      <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
    </PageFailureCard>
  );
}
