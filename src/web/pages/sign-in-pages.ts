/**
 * The signed-out area, fetched as one chunk (see lazy-component.ts): sign in, sign up with an activation code, account
 * recovery and asking for an activation code.
 */
export { AccountRecoveryPage } from './AccountRecoveryPage.tsx';
export { ActivationCodeRequestPage } from './ActivationCodeRequestPage.tsx';
export { SignInPage } from './SignInPage.tsx';
export { SignUpPage } from './SignUpPage.tsx';
