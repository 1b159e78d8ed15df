#!/usr/bin/env node
// The `lantern` command. Runs the TypeScript sources directly through tsx, so `npx lantern …` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
