import { hash, verify } from '@node-rs/argon2';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { HashCost } from '../../config.ts';

/** argon2id at the configured cost (tests configure a cheap one; a hash carries its own cost, so verify needs none). */
export function hashPassword(password: string, cost: HashCost): Promise<string> {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot import).
  return hash(password, { algorithm: 2, parallelism: 1, ...cost });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

const dummyHashes = new Map<string, Promise<string>>();
/** Spends the same time as a real check (at the same cost) when the username does not exist, so timing does not tell. */
export async function verifyAgainstNothing(password: string, cost: HashCost): Promise<false> {
  const key = `${cost.memoryCost}:${cost.timeCost}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) dummyHashes.set(key, (dummy = hashPassword('lantern-timing-equaliser-not-a-password', cost)));
  await verifyPassword(await dummy, password);
  return false;
}

/** Usernames are compared after Unicode normalisation and case folding, so "Louis" and "louis" are one name. */
export function normaliseUsername(username: string): string {
  return username.trim().normalize('NFKC').toLowerCase();
}

const TOTP_PERIOD = 30;

function totp(secretBase32: string, issuer: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** A new TOTP secret (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** What an authenticator app needs: the otpauth:// URI and the same as a QR code (SVG data URL). */
export async function totpEnrolment(
  secretBase32: string,
  issuer: string,
  label: string,
): Promise<{ uri: string; qrCodeDataUrl: string }> {
  const uri = totp(secretBase32, issuer, label).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Checks a TOTP code at `now` (one step of clock drift either way) and returns its time step, or null.
 * A step at or before `lastStep` is refused: a code is never accepted twice.
 */
export function checkTotp(secretBase32: string, code: string, now: Date, lastStep: number | null): number | null {
  const delta = totp(secretBase32, 'x', 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The current code for a secret (tests and the demo's `lantern demo-code`). */
export function currentTotp(secretBase32: string, now: Date): string {
  return totp(secretBase32, 'x', 'x').generate({ timestamp: now.getTime() });
}
