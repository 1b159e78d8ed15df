import './result-values.css';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';

/**
 * A report's findings in words (a pathology diagnosis, a genetic finding), prominent and with its line breaks as the
 * laboratory wrote them. The heading is the page's own ("What the report says" for the patient, "Report" for staff).
 */
export function ReportConclusion({ title, text }: { title: string; text: string }) {
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      shadow="xs"
      className="result-conclusion"
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        <Text className="preserve-lines break-anywhere">{text}</Text>
      </Stack>
    </Paper>
  );
}
