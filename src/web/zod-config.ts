import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to. The CSP (script-src 'self')
// forbids eval, and even Zod's guarded probe for it, made when a schema is built, is reported as a
// CSP violation. So this must run before any module that builds a schema: main.tsx imports it first.
z.config({ jitless: true });
