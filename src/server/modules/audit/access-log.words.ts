// The access log's words are the web locale's (one place for them); the CSV download uses the same ones.
import words from '../../../web/locales/en-access-log.json' with { type: 'json' };
import type { AccessLogTranslate } from '../../../shared/access-log-words.ts';

const plurals = new Intl.PluralRules('en');

/**
 * The English access-log words (`accessLogWords`, src/web/locales/en-access-log.json) as i18next would give them:
 * the string at the path, its plural form when `count` is given (`_one`, `_other`), and `{{value}}` filled in. A
 * missing string is an error, not a code shown.
 */
export const translateAccessLog: AccessLogTranslate = (path, values = {}) => {
  let node: unknown = words;
  const parents = path.slice(0, -1);
  for (const p of parents) node = (node as Record<string, unknown> | undefined)?.[p];
  const last = path[path.length - 1]!;
  const table = node as Record<string, unknown> | undefined;
  const count = values.count;
  const text = (typeof count === 'number' ? table?.[`${last}_${plurals.select(count)}`] : undefined) ?? table?.[last];
  if (typeof text !== 'string') throw new Error(`No access-log words at ${path.join(' / ')}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
};
