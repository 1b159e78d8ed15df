/**
 * The server's default minimum password length (NIST SP 800-63B: at least 12 here). The server checks
 * the configured value and says so when a password is too short; the web app only uses this for the hint.
 */
export const passwordMinLengthHint = 12;
