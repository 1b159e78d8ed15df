import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

const ctx = { username: 'louis.maggio', names: ['Louis', 'Maggio'] };

describe('password policy', () => {
  it('needs the minimum length, counted in characters', () => {
    expect(passwordProblem('correct hor', 12, ctx)).toMatch(/at least 12/);
    expect(passwordProblem('correct hors', 12, ctx)).toBeNull();
    expect(passwordProblem('ünïcödé wörd', 12, ctx)).toBeNull();
  });

  it('accepts long passphrases with spaces and any printable character, untruncated', () => {
    expect(passwordProblem('the quick brown fox jumps over the lazy dog, twice!', 12, ctx)).toBeNull();
    expect(passwordProblem('x'.repeat(30) + ' river stone lamp 🏮', 12, ctx)).toBeNull();
    expect(passwordProblem('a'.repeat(64) + 'b', 12, ctx)).toBeNull();
  });

  it('refuses common and breached passwords, also with digits or symbols added', () => {
    expect(passwordProblem('1q2w3e4r5t6y', 12, ctx)).toMatch(/too common/);
    expect(passwordProblem('qwertyuiop!!', 12, ctx)).toMatch(/too common/);
    expect(passwordProblem('password1234', 12, ctx)).toMatch(/too common/);
    expect(passwordProblem('Sunshine!!2026', 12, ctx)).toMatch(/too common/);
  });

  it('refuses repeated and sequential characters', () => {
    expect(passwordProblem('aaaaaaaaaaaa', 12, ctx)).toMatch(/too easy|too common/);
    expect(passwordProblem('abcdefghijklm', 12, ctx)).toMatch(/too easy|too common/);
  });

  it("refuses the person's own name or username", () => {
    expect(passwordProblem('LouisIsGreat2026', 12, ctx)).toMatch(/name or username/);
    expect(passwordProblem('my maggio garden', 12, ctx)).toMatch(/name or username/);
    expect(passwordProblem('x louis.maggio x', 12, ctx)).toMatch(/name or username/);
  });

  it('has no composition rules: all lower-case words are fine', () => {
    expect(passwordProblem('violet harbour lantern', 12, ctx)).toBeNull();
  });
});
