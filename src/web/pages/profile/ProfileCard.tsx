import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode, Ref } from 'react';
import { usePageTitle } from '../../hooks/use-page-title.ts';

/** A profile page: its h1 and title, then its cards. */
export function ProfilePage({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** One card of a profile page, with its h2 (focused through headingRef when the card is a new step). */
export function ProfileCard({
  title,
  children,
  headingRef,
}: {
  title: string;
  children: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="md">
        <Title order={2} size="h3" ref={headingRef}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
