import { Alert, Anchor, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  aboutSchema,
  customerServiceTopicSchema,
  type AboutItem,
  type CustomerServiceTopic,
} from '../../../shared/messaging.ts';
import { useMessageOptions } from '../../api/messaging.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { QuestionForm } from './QuestionForm.tsx';
import { UrgentNote } from './UrgentNote.tsx';

/**
 * Ask a Question, for the record in view: first the FAQ's warning (not for urgent or emergency concerns), then a
 * New Medical Question to someone of the care team or a Customer Service Question with a topic. A link from a
 * result or a visit carries `?about=<Type>/<id>`; the question is then about that item. A link from the Health pages
 * carries `?topic=medical_record_request`, which starts a Customer Service Question on that topic.
 */
export function AskQuestionPage() {
  const { t } = useTranslation();
  const { patientId, isOwn, record } = useRecordInView();
  const [params] = useSearchParams();
  const about = parseAbout(params.get('about'));
  const topic = parseTopic(params.get('topic'));
  const options = useMessageOptions(patientId ?? '');
  usePageTitle(t('messages.compose.title'));

  return (
    <Container size="md" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <Anchor component={Link} to={paths.messages.list} size="sm">
          {t('messages.backToMessages')}
        </Anchor>
        <Title order={1} size="h2">
          {t('messages.compose.title')}
        </Title>
        <UrgentNote />
        {!isOwn && record && <Text>{t('messages.compose.forRecord', { name: record.displayName })}</Text>}
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
          {options.isPending ? (
            <PageLoading />
          ) : options.isError ? (
            <LoadErrorAlert
              error={options.error}
              onRetry={() => void options.refetch()}
              retrying={options.isFetching}
            />
          ) : !options.data.canSend ? (
            <Alert color="blue" variant="light" title={t('messages.compose.viewOnlyTitle')}>
              {t('messages.compose.viewOnly')}
            </Alert>
          ) : (
            patientId && (
              <QuestionForm
                key={patientId}
                patientId={patientId}
                options={options.data}
                initialAbout={about}
                initialTopic={topic}
              />
            )
          )}
        </Paper>
      </Stack>
    </Container>
  );
}

/** `Encounter/abc` → the item, or null for anything else (a link cannot smuggle in other data). */
function parseAbout(value: string | null): AboutItem | null {
  if (!value) return null;
  const slash = value.indexOf('/');
  const parsed = aboutSchema.safeParse({ type: value.slice(0, slash), id: value.slice(slash + 1) });
  return slash > 0 && parsed.success ? parsed.data : null;
}

/** A customer-service topic from the address, or null for anything else. */
function parseTopic(value: string | null): CustomerServiceTopic | null {
  const parsed = customerServiceTopicSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
