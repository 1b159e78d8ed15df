import './result-values.css';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

interface ResultTextSectionProps {
  /** The page's own heading ("What the report says", "Note from your provider", "Report"). */
  title: string;
  /** The words, with their line breaks as written. */
  text: string;
  /** Who wrote it and when, under the words. */
  byline?: ReactNode;
  /** `result-conclusion` (the report's findings) or `result-note` (the provider's note): the edge's colour. */
  kind: 'result-conclusion' | 'result-note';
}

/**
 * A result's words, prominent, with their line breaks as written: a report's conclusion (a pathology diagnosis, a
 * genetic finding) on the patient's and the staff pages, or the provider's note for the patient.
 */
export function ResultTextSection({ title, text, byline, kind }: ResultTextSectionProps) {
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      shadow="xs"
      className={kind}
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        <Text className="preserve-lines break-anywhere">{text}</Text>
        {byline && (
          <Text size="sm" c="dimmed">
            {byline}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
