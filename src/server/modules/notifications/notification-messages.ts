import type { Config } from '../../config.ts';
import type { NotificationType } from '../../../shared/notifications.ts';

/**
 * What each event says, by email (plain text and simple HTML) and by text (under 160 characters). The content
 * rule: a notification says that something new is waiting and links to sign in. It never carries a test name,
 * result, diagnosis, message text, provider, specialty, location, or anybody's name — so the only values a
 * message takes are the few below (codes, a username sent to its own verified contact), and nothing from the
 * record can reach one.
 */
export interface NotificationParams {
  'account.contact_code': { code: string; contact: 'email' | 'phone' };
  'account.password_reset_code': { code: string };
  'account.username_reminder': { username: string };
  'activation.request_answered':
    { outcome: 'code_issued'; code: string; lastValidDate: string } | { outcome: 'not_verified' };
}
/** The values a type's message takes (none for most). */
export type ParamsOf<T extends NotificationType> = T extends keyof NotificationParams
  ? NotificationParams[T]
  : undefined;

/** Who reads it: the account holder about their own account or record, or a proxy about a record they manage. */
export type Audience = 'self' | 'proxy';

export interface RenderedNotification {
  subject: string;
  /** Paragraphs of the email; the text and HTML bodies are made from them. */
  paragraphs: string[];
  sms: string;
}

export interface NotificationEmail {
  subject: string;
  text: string;
  html: string;
}

/** A one-time code's lifetime, as the code messages say it. */
export const CODE_MINUTES = 15;

/** The event's message for this audience. `signInUrl` is the portal's sign-in page. */
export function renderNotification<T extends NotificationType>(
  type: T,
  params: ParamsOf<T>,
  audience: Audience,
  config: Config,
): RenderedNotification {
  const { portalName: portal } = config.tenant.organisation;
  const phone = config.tenant.contacts.portalSupport.phone;
  const url = signInUrl(config);
  const signIn = `Sign in to ${portal} to see it: ${url}`;
  const notYou = `If this was not you, reset your password at ${url} and call ${portal} support at ${phone}.`;
  const proxyAge = config.tenant.rules.proxyMinorAgeLimit;
  const generic = (subject: string, lead: string, smsLead: string): RenderedNotification => ({
    subject,
    paragraphs: [lead, signIn],
    sms: smsFor(portal, smsLead, url),
  });
  const p = params as Partial<NotificationParams[keyof NotificationParams]> | undefined;

  switch (type) {
    case 'security.new_sign_in':
      return {
        subject: `New sign-in to your ${portal} account`,
        paragraphs: ['Someone just signed in to your account. If it was you, there is nothing to do.', notYou],
        sms: smsFor(portal, `new sign-in to your account. Not you? Call ${phone}.`),
      };
    case 'security.password_changed':
      return {
        subject: `Your ${portal} password was changed`,
        paragraphs: ['The password of your account was just changed, and other sign-ins were ended.', notYou],
        sms: smsFor(portal, `your password was changed. Not you? Call ${phone}.`),
      };
    case 'security.two_step_changed':
      return {
        subject: `2-step verification changed on your ${portal} account`,
        paragraphs: ['The 2-step verification settings of your account were just changed.', notYou],
        sms: smsFor(portal, `2-step verification settings changed. Not you? Call ${phone}.`),
      };
    case 'security.account_locked':
      return {
        subject: `Your ${portal} account is locked for a while`,
        paragraphs: [
          `After several sign-ins with a wrong password, your account is locked for ${config.security.lockMinutes} minutes. If you forgot your password, you can reset it at ${url}.`,
          `If this was not you, call ${portal} support at ${phone}.`,
        ],
        sms: smsFor(
          portal,
          `account locked for ${config.security.lockMinutes} min after failed sign-ins. Not you? Call ${phone}.`,
        ),
      };
    case 'record.proxy_added':
      return audience === 'self'
        ? generic(
            `Someone new has access to your ${portal} record`,
            'Another person now has access to your record. Sign in to see who, and to stop sharing if you did not expect this.',
            'someone new has access to your record. Sign in to check',
          )
        : generic(
            `Someone new has access to a record you manage`,
            'Another person now has access to a record you help manage.',
            'someone new has access to a record you manage. Sign in to check',
          );
    case 'message.new_reply':
      return audience === 'self'
        ? generic(
            `You have a new message in ${portal}`,
            'You have a new message from your care team.',
            'you have a new message. Sign in to read it',
          )
        : generic(
            `New message in a record you manage in ${portal}`,
            'There is a new message in a record you help manage.',
            'new message in a record you manage. Sign in to read it',
          );
    case 'result.new':
      return audience === 'self'
        ? generic(
            `You have a new test result in ${portal}`,
            'You have a new test result.',
            'you have a new test result. Sign in to see it',
          )
        : generic(
            `A new test result in a record you manage`,
            'There is a new test result in a record you help manage.',
            'a new test result in a record you manage. Sign in to see it',
          );
    case 'appointment.booked':
      return audience === 'self'
        ? generic(
            `You have a new appointment in ${portal}`,
            'An appointment was booked for you.',
            'an appointment was booked for you. Sign in to see it',
          )
        : generic(
            `A new appointment in a record you manage`,
            'An appointment was booked in a record you help manage.',
            'an appointment was booked in a record you manage. Sign in to see it',
          );
    case 'appointment.changed':
      return audience === 'self'
        ? generic(
            `One of your appointments changed in ${portal}`,
            'One of your appointments was changed or cancelled.',
            'one of your appointments changed. Sign in to see it',
          )
        : generic(
            `An appointment changed in a record you manage`,
            'An appointment was changed or cancelled in a record you help manage.',
            'an appointment changed in a record you manage. Sign in to see it',
          );
    case 'waitlist.offer':
      return audience === 'self'
        ? generic(
            `An earlier appointment time is available in ${portal}`,
            'An earlier time is available for an appointment you are on the wait list for. It is held for you for a short time.',
            'an earlier appointment time is available and held for you for a short time. Sign in to take it',
          )
        : generic(
            `An earlier appointment time in a record you manage`,
            'An earlier time is available for an appointment in a record you help manage. It is held for a short time.',
            'an earlier appointment time is available in a record you manage. Sign in to take it',
          );
    case 'medication.refill_decided':
      return audience === 'self'
        ? generic(
            `Your ${portal} refill request has an answer`,
            'There is an answer to your refill request.',
            'your refill request has an answer. Sign in to see it',
          )
        : generic(
            `A refill request in a record you manage has an answer`,
            'There is an answer to a refill request in a record you help manage.',
            'a refill request in a record you manage has an answer. Sign in to see it',
          );
    case 'proxy.request_decided':
      return generic(
        `Your ${portal} proxy access request has an answer`,
        'There is an answer to your request for proxy access.',
        'your proxy access request has an answer. Sign in to see it',
      );
    case 'proxy.access_granted':
      return generic(
        `You have proxy access in ${portal}`,
        'You now have proxy access to a record.',
        'you now have proxy access to a record. Sign in to see it',
      );
    case 'proxy.invitation_received':
      return generic(
        `You are invited to help manage a record in ${portal}`,
        'Someone invited you to help manage their record. You can accept or decline.',
        'you are invited to help manage a record. Sign in to answer',
      );
    case 'proxy.access_ending':
      return generic(
        `Your proxy access in ${portal} ends soon`,
        `Your proxy access to a child's record ends soon, the day before they turn ${proxyAge}. After that they can have an account of their own and share their record with you if they choose.`,
        `your proxy access to a record ends soon. Sign in to see when`,
      );
    case 'account.contact_code': {
      const { code, contact } = p as NotificationParams['account.contact_code'];
      const what = contact === 'email' ? 'email address' : 'phone number';
      return {
        subject: `${portal} verification code`,
        paragraphs: [
          `Your code to confirm this ${what} is ${code}. It expires in ${CODE_MINUTES} minutes.`,
          'If you did not ask for it, ignore this message.',
        ],
        sms: `${portal}: your code to confirm this ${what} is ${code}. It expires in ${CODE_MINUTES} minutes.`,
      };
    }
    case 'account.password_reset_code': {
      const { code } = p as NotificationParams['account.password_reset_code'];
      const recovery = new URL('/account-recovery', config.http.publicUrl).toString();
      return {
        subject: `${portal} password reset code`,
        paragraphs: [
          `Your code to reset your password is ${code}. It expires in ${CODE_MINUTES} minutes. Enter it on the page where you asked for it, or start again at ${recovery}`,
          'If you did not ask for it, ignore this message; your password stays as it is.',
        ],
        sms: `${portal}: your code to reset your password is ${code}. It expires in ${CODE_MINUTES} minutes.`,
      };
    }
    case 'account.username_reminder': {
      const { username } = p as NotificationParams['account.username_reminder'];
      return {
        subject: `${portal} username reminder`,
        paragraphs: [
          `Your username is ${username}.`,
          `Sign in at ${url}. If you did not ask for this, you can ignore this message.`,
        ],
        sms: smsFor(portal, `your username is ${username}.`),
      };
    }
    case 'activation.request_answered': {
      const a = p as NotificationParams['activation.request_answered'];
      const signUp = new URL('/signup', config.http.publicUrl).toString();
      if (a.outcome === 'code_issued') {
        const long = `${portal} activation code: ${a.code}. Sign up at ${signUp} by ${a.lastValidDate}. It works once.`;
        return {
          subject: `Your ${portal} activation code`,
          paragraphs: [
            `Here is your ${portal} activation code, as you asked:`,
            a.code,
            `To create your account, go to ${signUp}, enter the code and your date of birth, and choose a username and password. The code works once, through ${longDate(a.lastValidDate)}.`,
            `If you did not ask for this code, you can ignore this message, or call ${portal} support at ${phone}.`,
          ],
          sms:
            long.length <= 160
              ? long
              : `${portal} activation code: ${a.code}. Use it by ${a.lastValidDate}.`.slice(0, 160),
        };
      }
      return {
        subject: `Your ${portal} activation code request`,
        paragraphs: [
          `We received your request for a ${portal} activation code, but we could not confirm your details from it.`,
          `Please call ${portal} support at ${phone}, and we will help you set up your account.`,
        ],
        sms: `${portal}: we could not confirm your activation code request. Please call ${phone}.`.slice(0, 160),
      };
    }
  }
  // Every catalogue type is handled above; TypeScript checks the switch is exhaustive.
  return assertNever(type);
}

/** The plain-text and HTML email of a rendered notification, signed with the organisation's name. */
export function emailOf(r: RenderedNotification, config: Config): NotificationEmail {
  const { name: org, portalName } = config.tenant.organisation;
  const text = [
    ...r.paragraphs,
    `— ${org}`,
    `This message was sent by ${portalName}. Replies to it are not read; to contact us, sign in and use Messages.`,
  ].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1a1b1e">',
    ...r.paragraphs.map((p) => `<p>${linkify(escapeHtml(p))}</p>`),
    `<p>— ${escapeHtml(org)}</p>`,
    `<p style="color:#555;font-size:smaller">This message was sent by ${escapeHtml(portalName)}. Replies to it are not read; to contact us, sign in and use Messages.</p>`,
    '</body></html>',
  ].join('');
  return { subject: r.subject, text, html };
}

function signInUrl(config: Config): string {
  return new URL('/', config.http.publicUrl).toString();
}

/** "<Portal>: <lead>. <url>" when it fits in 160 characters; otherwise without the link, then cut. */
function smsFor(portal: string, lead: string, url?: string): string {
  const withLink = `${portal}: ${lead}${url ? `: ${url}` : ''}`;
  if (withLink.length <= 160) return withLink;
  return `${portal}: ${lead}.`.slice(0, 160);
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Makes the (already escaped) addresses in a paragraph links; only the portal's own addresses occur in messages. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]*[^\s<.,;:]/g, (u) => `<a href="${u}">${u}</a>`);
}

function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

function assertNever(x: never): never {
  throw new Error(`no message for notification type ${String(x)}`);
}
