import type { Config } from '../../config.ts';

/**
 * The messages a requester gets about an activation-code request. They say only the code, how to use it and
 * until when — never anything about the person's health (DESIGN: no health information by email or SMS).
 */
export interface CodeMessage {
  subject: string;
  text: string;
  sms: string;
}

/** The new code, the sign-up address and its last valid day (the FAQ: it expires 45 days after the visit, works once). */
export function codeIssuedMessage(config: Config, code: string, lastValidDate: string): CodeMessage {
  const { portalName, name } = config.tenant.organisation;
  const signUpUrl = new URL('/signup', config.http.publicUrl).toString();
  const until = longDate(lastValidDate);
  const text = [
    `Here is your ${portalName} activation code, as you asked:`,
    '',
    `    ${code}`,
    '',
    `To create your account, go to ${signUpUrl}, enter the code and your date of birth, and choose a username and password.`,
    `The code works once, through ${until}.`,
    '',
    `If you did not ask for this code, you can ignore this message, or call ${portalName} support at ${config.tenant.contacts.portalSupport.phone}.`,
    '',
    `— ${name}`,
  ].join('\n');
  const long = `${portalName} activation code: ${code}. Sign up at ${signUpUrl} by ${lastValidDate}. It works once.`;
  const sms = long.length <= 160 ? long : `${portalName} activation code: ${code}. Use it by ${lastValidDate}.`.slice(0, 160);
  return { subject: `Your ${portalName} activation code`, text, sms };
}

/** We could not match the request to a record: call support. The staff member's reason is not sent. */
export function notVerifiedMessage(config: Config): CodeMessage {
  const { portalName, name } = config.tenant.organisation;
  const phone = config.tenant.contacts.portalSupport.phone;
  const text = [
    `We received your request for a ${portalName} activation code, but we could not confirm your details from it.`,
    `Please call ${portalName} support at ${phone}, and we will help you set up your account.`,
    '',
    `— ${name}`,
  ].join('\n');
  return { subject: `Your ${portalName} activation code request`, text, sms: `${portalName}: we could not confirm your activation code request. Please call ${phone}.`.slice(0, 160) };
}

function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
}
