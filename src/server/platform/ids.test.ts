import { describe, expect, it } from 'vitest';
import { newMonotonicUlid, newUlid } from './ids.ts';

describe('ids', () => {
  it('makes 26-character ULIDs without repeats, and monotonic ones in strict order within one millisecond', () => {
    const many = Array.from({ length: 5000 }, () => newUlid());
    expect(many.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect(new Set(many).size).toBe(many.length);
    const next = newMonotonicUlid();
    const ordered = Array.from({ length: 2000 }, () => next(1_796_000_000_000));
    expect([...ordered].sort()).toEqual(ordered);
    expect(new Set(ordered).size).toBe(ordered.length);
  });
});
