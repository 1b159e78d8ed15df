/**
 * A browser and system in words a patient recognises ("Firefox", "Windows") from a User-Agent header,
 * for the account activity list. Rough on purpose: the order of the checks matters (Edge and Opera
 * also say Chrome; Chrome also says Safari). Undefined when nothing is recognised.
 */
export function describeBrowser(userAgent: string | null): { browser?: string; system?: string } | undefined {
  if (!userAgent) return undefined;
  const browser = firstMatch(userAgent, [
    [/Edg\//, 'Edge'],
    [/OPR\/|Opera/, 'Opera'],
    [/Firefox\//, 'Firefox'],
    [/Chrom(e|ium)\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ]);
  const system = firstMatch(userAgent, [
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Android/, 'Android'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ]);
  if (!browser && !system) return undefined;
  return { browser, system };
}

function firstMatch(text: string, rules: [RegExp, string][]): string | undefined {
  return rules.find(([pattern]) => pattern.test(text))?.[1];
}
