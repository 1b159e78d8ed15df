import { Anchor, Button, Group, Paper, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EducationTopic } from '../../../../shared/records.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { MarkdownText } from '../../../components/MarkdownText.tsx';
import { useFormFeedback, type FieldErrors } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ListState } from '../ListState.tsx';
import { formatDateTime } from '../format.ts';
import { useEducationTopics, useSaveEducationTopic } from '../records/records-staff-api.ts';

const CODE_PATTERN = /^[^|\s]+\|[^|\s]+$/;

/**
 * The organisation's plain-language education topics, which health issues link to by condition code: the list, and
 * a form to add one or change one (title, Markdown body with a preview rendered as patients see it, codes).
 */
export function EducationTopicsSection() {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const topics = useEducationTopics();
  const list = [...(topics.data?.topics ?? [])].sort((a, b) => a.title.localeCompare(b.title));
  const [editing, setEditing] = useState<EducationTopic | 'new' | null>(null);

  return (
    <section aria-labelledby="education-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3" id="education-heading">
            {t('education.heading')}
          </Title>
          {editing === null && (
            <Button variant="light" onClick={() => setEditing('new')}>
              {t('education.add')}
            </Button>
          )}
        </Group>
        <Text size="sm">{t('education.intro')}</Text>
        {editing !== null && (
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
            <TopicForm
              key={editing === 'new' ? 'new' : editing.id}
              topic={editing === 'new' ? null : editing}
              onDone={() => setEditing(null)}
            />
          </Paper>
        )}
        <ListState
          isPending={topics.isPending}
          error={topics.error}
          isEmpty={list.length === 0}
          empty={t('education.empty')}
          onRetry={() => void topics.refetch()}
        >
          <Stack component="ul" gap={0} className="plain-list" aria-labelledby="education-heading">
            {list.map((topic) => (
              <li key={topic.id} className="activity-item">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={2} className="notification-text">
                    <Text fw={600} className="break-anywhere">
                      {topic.title}
                    </Text>
                    <Text size="sm" c="dimmed" className="break-anywhere">
                      {t('education.codesCount', { count: topic.codes.length })} ·{' '}
                      {t('education.updated', { when: formatDateTime(topic.updatedAt, timeZone) })}
                    </Text>
                  </Stack>
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => setEditing(topic)}
                    aria-label={t('education.editLabel', { title: topic.title })}
                  >
                    {t('education.edit')}
                  </Anchor>
                </Group>
              </li>
            ))}
          </Stack>
        </ListState>
      </Stack>
    </section>
  );
}

const fields = ['title', 'body', 'codes'] as const;
type Field = (typeof fields)[number];

function TopicForm({ topic, onDone }: { topic: EducationTopic | null; onDone: () => void }) {
  const { t } = useTranslation('staff');
  const save = useSaveEducationTopic(topic?.id ?? null);
  const feedback = useFormFeedback(fields);
  const { attachForm, attachFormError } = feedback;
  const [title, setTitle] = useState(topic?.title ?? '');
  const [body, setBody] = useState(topic?.body ?? '');
  const [codes, setCodes] = useState(topic?.codes.join('\n') ?? '');
  const [saved, setSaved] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const codeList = codes
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean);
    const errors: FieldErrors<Field> = {};
    if (!title.trim()) errors.title = t('education.titleRequired');
    if (!body.trim()) errors.body = t('education.bodyRequired');
    const bad = codeList.find((c) => !CODE_PATTERN.test(c));
    if (bad) errors.codes = t('education.badCode', { code: bad });
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    save.mutate(
      { title: title.trim(), body, codes: codeList },
      { onSuccess: () => setSaved(true), onError: (err) => feedback.showApiError(err) },
    );
  }

  return (
    <form ref={attachForm} onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {topic ? t('education.editHeading', { title: topic.title }) : t('education.newHeading')}
        </Title>
        <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
        {saved && (
          <Text role="status" size="sm" fw={600}>
            {t('education.saved')}
          </Text>
        )}
        <TextInput
          name="title"
          label={t('education.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={feedback.fieldErrors.title}
          maxLength={200}
        />
        <Tabs defaultValue="write" keepMounted={false}>
          <Tabs.List aria-label={t('education.bodyTabs')}>
            <Tabs.Tab value="write">{t('education.write')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('education.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="sm">
            <Textarea
              name="body"
              label={t('education.body')}
              description={t('education.bodyHint')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={feedback.fieldErrors.body}
              autosize
              minRows={8}
              maxLength={50_000}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="sm">
            <Paper withBorder radius="sm" p="md">
              {body.trim() ? (
                <MarkdownText>{body}</MarkdownText>
              ) : (
                <Text c="dimmed">{t('education.previewEmpty')}</Text>
              )}
            </Paper>
          </Tabs.Panel>
        </Tabs>
        <Textarea
          name="codes"
          label={t('education.codes')}
          description={t('education.codesHint')}
          value={codes}
          onChange={(e) => setCodes(e.currentTarget.value)}
          error={feedback.fieldErrors.codes}
          autosize
          minRows={3}
        />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {topic ? t('education.save') : t('education.create')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {saved ? t('education.close') : t('issue.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
