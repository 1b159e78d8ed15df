#!/usr/bin/env node
// The `lantern` command. Runs the TypeScript sources directly through tsx, so `npx lantern …` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/server/main.ts');
process.exitCode = await runCli(process.argv);
