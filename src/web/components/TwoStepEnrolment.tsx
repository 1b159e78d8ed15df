import { Image, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { sessionInfoSchema, twoStepSetupSchema, type SessionInfo, type TwoStepSetup } from '../../shared/identity.ts';
import { apiRequest } from '../api/client.ts';
import { realmRoutes } from '../api/session.ts';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.ts';
import { useFormFeedback } from '../hooks/use-form-feedback.ts';
import { noteSessionInfo, type Realm } from '../session/session-state.ts';
import { FormShell, SubmitButtonRow } from './FormShell.tsx';
import { isSixDigitCode, OneTimeCodeField } from './OneTimeCodeField.tsx';
import { PasswordField } from './PasswordField.tsx';
import { RecoveryCodesPanel } from './RecoveryCodesPanel.tsx';

/** When the enrolment finished a sign-in (staff), the reply also carries the new, fully signed-in session. */
const confirmReplySchema = z.object({ recoveryCodes: z.array(z.string()), session: sessionInfoSchema.nullish() });

interface TwoStepEnrolmentProps {
  realm: Realm;
  portalName: string;
  /** Called once the recovery codes were saved. */
  onFinished: () => void;
  /**
   * Called when the authenticator was confirmed (2-step is on from here), before the codes are shown;
   * with the new session when the enrolment completed a sign-in.
   */
  onConfirmed?: (session: SessionInfo | null) => void;
  /** The level of the steps' headings, one below the surrounding heading. */
  headingOrder?: 2 | 3;
  /** Moving an existing 2-step to a new app: the first step also asks for a current code or a recovery code. */
  replacing?: boolean;
}

/**
 * Turning on 2-step verification: the password again → a QR code (and the secret, for typing) to add
 * to an authenticator app → a code from the app to prove it works → the recovery codes, once.
 */
export function TwoStepEnrolment({
  realm,
  portalName,
  onFinished,
  onConfirmed,
  headingOrder = 2,
  replacing = false,
}: TwoStepEnrolmentProps) {
  const [setup, setSetup] = useState<TwoStepSetup | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes)
    return (
      <RecoveryCodesPanel
        codes={recoveryCodes}
        portalName={portalName}
        onSaved={onFinished}
        headingOrder={headingOrder}
      />
    );
  if (setup)
    return (
      <ConfirmStep
        realm={realm}
        setup={setup}
        headingOrder={headingOrder}
        replacing={replacing}
        onConfirmed={(codes, session) => {
          setRecoveryCodes(codes);
          onConfirmed?.(session);
        }}
      />
    );
  return <PasswordStep realm={realm} onSetup={setSetup} replacing={replacing} />;
}

function PasswordStep({
  realm,
  onSetup,
  replacing,
}: {
  realm: Realm;
  onSetup: (setup: TwoStepSetup) => void;
  replacing: boolean;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [current, setCurrent] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(['password', 'code', 'recoveryCode'] as const);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) return feedback.showFieldErrors({ password: t('forms.passwordRequired') });
    if (replacing && !current.trim()) return feedback.showFieldErrors({ code: t('twoStepSetup.currentCodeRequired') });
    // Six digits are a code from the app; anything else is taken as a recovery code.
    const proof = !replacing
      ? {}
      : isSixDigitCode(current)
        ? { code: current.trim() }
        : { recoveryCode: current.trim() };
    setSubmitting(true);
    try {
      onSetup(
        await apiRequest('POST', realmRoutes[realm].twoStepSetup, twoStepSetupSchema, { body: { password, ...proof } }),
      );
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <FormShell
      feedback={feedback}
      onSubmit={handleSubmit}
      intro={<Text>{t(replacing ? 'twoStepSetup.replaceIntro' : 'twoStepSetup.passwordIntro')}</Text>}
    >
      <PasswordField
        label={t('forms.currentPassword')}
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={feedback.fieldErrors.password}
      />
      {replacing && (
        <TextInput
          label={t('twoStepSetup.currentCode')}
          description={t('twoStepSetup.currentCodeHint')}
          name="current-code"
          autoComplete="one-time-code"
          maxLength={40}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={feedback.fieldErrors.code ?? feedback.fieldErrors.recoveryCode}
        />
      )}
      <SubmitButtonRow submitting={submitting}>{t('twoStepSetup.continue')}</SubmitButtonRow>
    </FormShell>
  );
}

interface ConfirmStepProps {
  realm: Realm;
  setup: TwoStepSetup;
  onConfirmed: (codes: string[], session: SessionInfo | null) => void;
  headingOrder: 2 | 3;
  replacing: boolean;
}

function ConfirmStep({ realm, setup, onConfirmed, headingOrder, replacing }: ConfirmStepProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(['code'] as const);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isSixDigitCode(code)) return feedback.showFieldErrors({ code: t('secondFactor.codeInvalid') });
    setSubmitting(true);
    try {
      const reply = await apiRequest('POST', realmRoutes[realm].twoStepConfirm, confirmReplySchema, {
        body: { code: code.trim() },
      });
      // The new session's CSRF token is needed from the next request on.
      if (reply.session) noteSessionInfo(reply.session, 'opened');
      onConfirmed(reply.recoveryCodes, reply.session ?? null);
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <Stack gap="md">
      <Title order={headingOrder} size="h4" ref={headingRef}>
        {t('twoStepSetup.scanHeading')}
      </Title>
      <Text>{t('twoStepSetup.scanIntro')}</Text>
      <Image src={setup.qrCodeDataUrl} alt={t('twoStepSetup.qrAlt')} w={200} h={200} className="qr-code" />
      <Text size="sm">{t('twoStepSetup.manual')}</Text>
      <Text className="totp-secret" data-testid="totp-secret">
        {formatSecret(setup.secret)}
      </Text>
      <FormShell feedback={feedback} onSubmit={handleSubmit}>
        <OneTimeCodeField
          label={t('twoStepSetup.code')}
          description={t('secondFactor.codeHint')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={feedback.fieldErrors.code}
        />
        <SubmitButtonRow submitting={submitting}>
          {t(replacing ? 'twoStepSetup.confirmReplace' : 'twoStepSetup.confirm')}
        </SubmitButtonRow>
      </FormShell>
    </Stack>
  );
}

/** Base32 secrets are easier to type in groups of four. */
function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
