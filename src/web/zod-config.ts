import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to. The CSP (script-src 'self')
// forbids eval, and even Zod's guarded probe for it, made when a schema is built, is reported as a
// CSP violation. So this must run before any module that builds a schema: main.tsx imports it first, and the
// build puts it in zod's own chunk (vite.config.ts), which runs before the app chunks that define schemas.
z.config({ jitless: true });
