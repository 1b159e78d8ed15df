import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useEducationTopic } from '../../api/records.ts';
import { MarkdownText } from '../../components/MarkdownText.tsx';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { HealthPageFrame, QueryBlock } from './health-parts.tsx';

/** A plain-language education topic linked from a health issue, its Markdown rendered without raw HTML. */
export function EducationPage() {
  const { t } = useTranslation();
  const { topicId = '' } = useParams();
  const { patientId } = useRecordInView();
  const topic = useEducationTopic(patientId ?? '', topicId);
  return (
    <HealthPageFrame title={topic.data?.title ?? t('health.education.title')}>
      <QueryBlock query={topic}>
        {(data) => (
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
            <Stack gap="sm">
              <MarkdownText>{data.body}</MarkdownText>
              <Text size="sm" c="dimmed">
                {t('health.education.disclaimer')}
              </Text>
            </Stack>
          </Paper>
        )}
      </QueryBlock>
    </HealthPageFrame>
  );
}
