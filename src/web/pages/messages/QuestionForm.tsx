import { Button, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  customerServiceTopics,
  MESSAGE_MAX_LENGTH,
  type AboutItem,
  type CustomerServiceTopic,
  type MessageOptions,
  type NewThreadRequest,
  type ThreadKind,
} from '../../../shared/messaging.ts';
import { useSendQuestion } from '../../api/messaging.ts';
import { FormShell } from '../../components/FormShell.tsx';
import { formatCalendarDate } from '../../format.ts';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { paths } from '../../paths.ts';
import { AttachmentsField, useAttachments } from './AttachmentsField.tsx';
import { AboutLine, ReplyTime } from './compose-parts.tsx';
import { newIdempotencyKey } from '../../api/idempotency.ts';

const fields = [
  'kind',
  'recipientId',
  'topic',
  'subject',
  'body',
  'recordRequest.records',
  'recordRequest.fromDate',
  'recordRequest.toDate',
  'chartCorrection.whatIsWrong',
  'chartCorrection.shouldSay',
  'attachmentIds',
] as const;
type Field = (typeof fields)[number];

interface QuestionFormProps {
  patientId: string;
  options: MessageOptions;
  initialAbout: AboutItem | null;
  /** A customer-service topic to start with (the Health pages' link to a Medical Record Request). */
  initialTopic?: CustomerServiceTopic | null;
}

/**
 * The question itself: medical (to a care-team member the record has seen) or customer service (a topic; a record
 * request asks which records and dates, a chart correction what is wrong and what it should say), subject, message
 * and attachments. One idempotency key per question, kept across retries, so a double click sends one message.
 */
export function QuestionForm({ patientId, options, initialAbout, initialTopic = null }: QuestionFormProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const send = useSendQuestion(patientId);
  const feedback = useFormFeedback(fields);
  const attachments = useAttachments(patientId);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [kind, setKind] = useState<ThreadKind>(
    options.careTeam.length > 0 && !initialTopic ? 'medical' : 'customer_service',
  );
  const [about, setAbout] = useState(initialAbout);
  const { values, bind } = useFormValues<Field>(
    {
      kind: '',
      recipientId: '',
      topic: initialTopic ?? '',
      subject: '',
      body: '',
      'recordRequest.records': '',
      'recordRequest.fromDate': '',
      'recordRequest.toDate': '',
      'chartCorrection.whatIsWrong': '',
      'chartCorrection.shouldSay': '',
      attachmentIds: '',
    },
    feedback.fieldErrors,
  );
  const topic = values.topic as CustomerServiceTopic | '';

  function validate(): FieldErrors<Field> {
    const errors: FieldErrors<Field> = {};
    if (kind === 'medical' && !values.recipientId) errors.recipientId = t('messages.compose.chooseRecipient');
    if (kind === 'customer_service' && !topic) errors.topic = t('messages.compose.chooseTopic');
    if (kind === 'customer_service' && topic === 'medical_record_request') {
      if (!values['recordRequest.records'].trim())
        errors['recordRequest.records'] = t('messages.compose.recordsRequired');
      const { 'recordRequest.fromDate': from, 'recordRequest.toDate': to } = values;
      if (from && to && to < from) errors['recordRequest.toDate'] = t('messages.compose.toBeforeFrom');
    }
    if (kind === 'customer_service' && topic === 'chart_correction') {
      if (!values['chartCorrection.whatIsWrong'].trim())
        errors['chartCorrection.whatIsWrong'] = t('messages.compose.whatIsWrongRequired');
      if (!values['chartCorrection.shouldSay'].trim())
        errors['chartCorrection.shouldSay'] = t('messages.compose.shouldSayRequired');
    }
    if (!values.subject.trim()) errors.subject = t('messages.compose.subjectRequired');
    if (!values.body.trim()) errors.body = t('messages.compose.bodyRequired');
    return errors;
  }

  function request(): NewThreadRequest {
    const medical = kind === 'medical';
    const v = values;
    return {
      kind,
      ...(medical ? { recipientId: v.recipientId } : { topic: topic as CustomerServiceTopic }),
      subject: v.subject.trim(),
      body: v.body,
      ...(!medical && topic === 'medical_record_request'
        ? {
            recordRequest: {
              records: v['recordRequest.records'].trim(),
              ...(v['recordRequest.fromDate'] ? { fromDate: v['recordRequest.fromDate'] } : {}),
              ...(v['recordRequest.toDate'] ? { toDate: v['recordRequest.toDate'] } : {}),
            },
          }
        : {}),
      ...(!medical && topic === 'chart_correction'
        ? {
            chartCorrection: {
              whatIsWrong: v['chartCorrection.whatIsWrong'].trim(),
              shouldSay: v['chartCorrection.shouldSay'].trim(),
            },
          }
        : {}),
      ...(about ? { about } : {}),
      attachmentIds: attachments.files.map((f) => f.id),
      idempotencyKey,
    };
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending || attachments.uploading) return;
    const errors = validate();
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    send.mutate(request(), {
      onSuccess: (thread) => navigate(paths.messages.thread(thread.id), { state: { sent: true } }),
      onError: (err) => feedback.showApiError(err),
    });
  }

  const careTeamOptions = [
    { value: '', label: t('messages.compose.choosePerson') },
    ...options.careTeam.map((m) => ({
      value: m.id,
      label: [
        m.name,
        m.organisation,
        m.lastSeen ? t('messages.compose.lastSeen', { date: formatCalendarDate(m.lastSeen, i18n.language) }) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
  ];
  const topicOptions = [
    { value: '', label: t('messages.compose.chooseTopicPlaceholder') },
    ...customerServiceTopics.map((tp) => ({ value: tp, label: t(`messages.topics.${tp}`) })),
  ];

  return (
    <FormShell feedback={feedback} onSubmit={handleSubmit} gap="lg">
      <Radio.Group
        label={t('messages.compose.kindLabel')}
        value={kind}
        onChange={(k) => setKind(k as ThreadKind)}
        name="kind"
        error={feedback.fieldErrors.kind}
      >
        <Stack gap="sm" mt="xs">
          <Radio
            value="medical"
            label={t('messages.compose.medical')}
            description={t('messages.compose.medicalHint')}
            disabled={options.careTeam.length === 0}
          />
          <Radio
            value="customer_service"
            label={t('messages.compose.customerService')}
            description={t('messages.compose.customerServiceHint')}
          />
        </Stack>
      </Radio.Group>
      {kind === 'medical' && options.careTeam.length === 0 && <Text size="sm">{t('messages.compose.noCareTeam')}</Text>}

      {kind === 'medical' ? (
        <NativeSelect
          label={t('messages.compose.recipientLabel')}
          description={t('messages.compose.recipientHint')}
          data={careTeamOptions}
          {...bind('recipientId')}
        />
      ) : (
        <CustomerServiceFields topic={topic} topicOptions={topicOptions} bind={bind} />
      )}

      {about && <AboutLine about={about} onRemove={() => setAbout(null)} />}
      <TextInput label={t('messages.compose.subjectLabel')} maxLength={120} {...bind('subject')} />
      <Textarea
        label={t('messages.compose.bodyLabel')}
        description={t('messages.compose.bodyHint')}
        autosize
        minRows={6}
        maxLength={MESSAGE_MAX_LENGTH}
        {...bind('body')}
      />
      <AttachmentsField state={attachments} />
      <Stack gap="xs">
        <ReplyTime days={options.replyBusinessDays} />
        <Group gap="sm">
          <Button type="submit" loading={send.isPending} disabled={attachments.uploading}>
            {t('messages.compose.send')}
          </Button>
          <Button variant="default" onClick={() => navigate(paths.messages.list)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </FormShell>
  );
}

interface CustomerServiceFieldsProps {
  topic: CustomerServiceTopic | '';
  topicOptions: { value: string; label: string }[];
  bind: ReturnType<typeof useFormValues<Field>>['bind'];
}

/** The topic, and for a record request or a chart correction the details staff need to act on it. */
function CustomerServiceFields({ topic, topicOptions, bind }: CustomerServiceFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <NativeSelect label={t('messages.compose.topicLabel')} data={topicOptions} {...bind('topic')} />
      {topic === 'medical_record_request' && (
        <>
          <Textarea
            label={t('messages.compose.recordsLabel')}
            description={t('messages.compose.recordsHint')}
            autosize
            minRows={2}
            maxLength={1000}
            {...bind('recordRequest.records')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput type="date" label={t('messages.compose.fromDate')} {...bind('recordRequest.fromDate')} />
            <TextInput type="date" label={t('messages.compose.toDate')} {...bind('recordRequest.toDate')} />
          </SimpleGrid>
        </>
      )}
      {topic === 'chart_correction' && (
        <>
          <Textarea
            label={t('messages.compose.whatIsWrongLabel')}
            autosize
            minRows={2}
            maxLength={2000}
            {...bind('chartCorrection.whatIsWrong')}
          />
          <Textarea
            label={t('messages.compose.shouldSayLabel')}
            autosize
            minRows={2}
            maxLength={2000}
            {...bind('chartCorrection.shouldSay')}
          />
        </>
      )}
    </>
  );
}
