// Entry point that runs the `lantern` command line (bin/lantern.mjs and `npm run dev` start here).
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv);
