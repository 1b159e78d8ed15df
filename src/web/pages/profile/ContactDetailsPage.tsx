import { Alert, Badge, Button, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { profileSchema, type Profile } from '../../../shared/identity.ts';
import { profileQueryKey, useProfile } from '../../api/account.ts';
import { apiRequest } from '../../api/client.ts';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { isSixDigitCode, OneTimeCodeField } from '../../components/OneTimeCodeField.tsx';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.ts';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

/**
 * Contact details: what is on file, changing it (the password again), and verifying a new email or
 * phone with the code sent to it before it is used for notifications.
 */
export function ContactDetailsPage() {
  const { t } = useTranslation();
  const profileQuery = useProfile();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<'saved' | 'emailVerified' | 'phoneVerified' | null>(null);
  const profile = profileQuery.data;

  return (
    <ProfilePage title={t('contact.title')}>
      <Text>{t('contact.reminder')}</Text>
      {profileQuery.isPending ? (
        <PageLoading />
      ) : profileQuery.isError || !profile ? (
        <LoadErrorAlert
          error={profileQuery.error}
          onRetry={() => void profileQuery.refetch()}
          retrying={profileQuery.isFetching}
        />
      ) : (
        <>
          {notice && !editing && <SavedNote key={notice} notice={notice} />}
          {editing ? (
            <ContactForm
              profile={profile}
              onDone={() => {
                setEditing(false);
                setNotice('saved');
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <ContactView
              profile={profile}
              onEdit={() => {
                setNotice(null);
                setEditing(true);
              }}
            />
          )}
          {!editing && profile.email && !profile.emailVerified && (
            <VerifyForm channel="email" value={profile.email} onVerified={() => setNotice('emailVerified')} />
          )}
          {!editing && profile.phone && !profile.phoneVerified && (
            <VerifyForm channel="phone" value={profile.phone} onVerified={() => setNotice('phoneVerified')} />
          )}
        </>
      )}
    </ProfilePage>
  );
}

function SavedNote({ notice }: { notice: 'saved' | 'emailVerified' | 'phoneVerified' }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert ref={ref} role="status" color="green" variant="light" title={t(`contact.notice.${notice}.title`)}>
      {t(`contact.notice.${notice}.body`)}
    </Alert>
  );
}

function ContactView({ profile, onEdit }: { profile: Profile; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <ProfileCard title={t('contact.onFile')}>
      <dl className="detail-list">
        <dt>{t('forms.email')}</dt>
        <dd>
          <ContactValue value={profile.email} verified={profile.emailVerified} />
        </dd>
        <dt>{t('forms.mobilePhone')}</dt>
        <dd>
          <ContactValue value={profile.phone} verified={profile.phoneVerified} />
        </dd>
        <dt>{t('forms.address')}</dt>
        <dd className="preserve-lines">
          {profile.address ?? (
            <Text span c="dimmed">
              {t('contact.none')}
            </Text>
          )}
        </dd>
      </dl>
      <div>
        <Button onClick={onEdit}>{t('contact.change')}</Button>
      </div>
    </ProfileCard>
  );
}

function ContactValue({ value, verified }: { value: string | null; verified: boolean }) {
  const { t } = useTranslation();
  if (!value)
    return (
      <Text span c="dimmed">
        {t('contact.none')}
      </Text>
    );
  return (
    <Group gap="xs" wrap="wrap">
      <span className="break-anywhere">{value}</span>
      <Badge color={verified ? 'green' : 'yellow'} variant="light" className="status-badge">
        {verified ? t('contact.verified') : t('contact.notVerified')}
      </Badge>
    </Group>
  );
}

const contactFields = ['email', 'phone', 'address', 'password'] as const;
type ContactField = (typeof contactFields)[number];

function ContactForm({ profile, onDone, onCancel }: { profile: Profile; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const queryClient = useQueryClient();
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(contactFields);
  const { values, setValues, bind } = useFormValues<ContactField>(
    { email: profile.email ?? '', phone: profile.phone ?? '', address: profile.address ?? '', password: '' },
    feedback.fieldErrors,
  );
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<ContactField> = {};
    if (!values.password) errors.password = t('forms.passwordRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    // Only what changed is sent: an unchanged email or phone keeps its verification.
    const body: Record<string, string | null> = { password: values.password };
    for (const field of ['email', 'phone', 'address'] as const) {
      const next = values[field].trim() || null;
      if (next !== (profile[field] ?? null)) body[field] = next;
    }
    setSubmitting(true);
    try {
      queryClient.setQueryData(profileQueryKey, await apiRequest('POST', '/account/contact', profileSchema, { body }));
      onDone();
    } catch (err) {
      setValues((v) => ({ ...v, password: '' }));
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <ProfileCard title={t('contact.changeHeading')} headingRef={headingRef}>
      <FormShell
        feedback={feedback}
        onSubmit={handleSubmit}
        intro={<Text size="sm">{t('contact.changeIntro', { portalName })}</Text>}
      >
        <TextInput type="email" label={t('forms.emailOptional')} autoComplete="email" {...bind('email')} />
        <TextInput
          type="tel"
          label={t('forms.phoneOptional')}
          description={t('forms.phoneHint')}
          autoComplete="tel"
          {...bind('phone')}
        />
        <Textarea
          label={t('forms.addressOptional')}
          autoComplete="street-address"
          autosize
          minRows={3}
          {...bind('address')}
        />
        <PasswordField
          label={t('forms.currentPassword')}
          description={t('forms.passwordAgain')}
          autoComplete="current-password"
          {...bind('password')}
        />
        <SubmitButtonRow submitting={submitting} onCancel={onCancel}>
          {t('contact.save')}
        </SubmitButtonRow>
      </FormShell>
    </ProfileCard>
  );
}

function VerifyForm({
  channel,
  value,
  onVerified,
}: {
  channel: 'email' | 'phone';
  value: string;
  onVerified: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(['code'] as const);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isSixDigitCode(code)) return feedback.showFieldErrors({ code: t('contact.verifyCodeInvalid') });
    setSubmitting(true);
    try {
      queryClient.setQueryData(
        profileQueryKey,
        await apiRequest('POST', '/account/contact/verify', profileSchema, { body: { channel, code: code.trim() } }),
      );
      onVerified();
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <ProfileCard title={t(`contact.verify.${channel}.heading`)}>
      <FormShell
        feedback={feedback}
        onSubmit={handleSubmit}
        intro={<Text size="sm">{t(`contact.verify.${channel}.intro`, { value })}</Text>}
      >
        <OneTimeCodeField
          label={t('contact.verifyCode')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={feedback.fieldErrors.code}
        />
        <SubmitButtonRow submitting={submitting}>{t('contact.verifySubmit')}</SubmitButtonRow>
        <Text size="xs" c="dimmed">
          {t('contact.verifyNoCode')}
        </Text>
      </FormShell>
    </ProfileCard>
  );
}
