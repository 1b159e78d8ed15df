import { Container, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode, Ref } from 'react';
import { usePageTitle } from '../hooks/use-page-title.ts';

interface PageCardProps {
  /** The page's heading, also its document title. */
  title: string;
  children: ReactNode;
  /** Container width; forms read best narrow. */
  size?: 'sm' | 'md' | 'lg';
  headingRef?: Ref<HTMLHeadingElement>;
}

/** A single-card page (sign-up, recovery, requests): one h1, the page title, a readable width. */
export function PageCard({ title, children, size = 'sm', headingRef }: PageCardProps) {
  usePageTitle(title);
  return (
    <Container size={size} py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
        <Stack gap="md">
          <Title order={1} size="h2" ref={headingRef}>
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Container>
  );
}
