/**
 * Where the demo shows what it would have sent: with no SMTP server or SMS gateway configured, `serve --demo` prints
 * each email and text in full, so a new user can verify an address, reset a password and see a notification. Only
 * the demo passes one (never a production deployment): outside it, contents never reach the output.
 */
export type DemoOutput = (block: string) => void;

/** Writes demo blocks to standard output, between the server's log lines. */
export const printDemoOutput: DemoOutput = (block) => void process.stdout.write(block);

const WIDTH = 76;

/**
 * A framed block that cannot be mistaken for a log line or for something sent: "DEMO EMAIL (not sent — no SMTP
 * configured)" in a rule above the lines, "END OF DEMO EMAIL" below them.
 */
export function frameDemoBlock(kind: string, why: string, lines: string[]): string {
  const rule = (label: string): string => `===== ${label} `.padEnd(WIDTH, '=');
  return ['', rule(`${kind} (${why})`), ...lines, rule(`END OF ${kind}`), '', ''].join('\n');
}
