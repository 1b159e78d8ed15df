import type { PDFFont } from 'pdf-lib';

/**
 * Text for the printable records (immunization record, records released to the patient): the standard PDF fonts
 * draw only WinAnsi characters, and pdf-lib does not wrap lines.
 */

/** Splits text into lines no wider than `width` at this font and size (a long word stays whole on its own line). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = winAnsi(text).split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Characters the standard fonts can draw; others become "?". */
export function winAnsi(text: string): string {
  return [...text]
    .map((c) =>
      /[\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\u00b7]/.test(c) ? c : '?',
    )
    .join('');
}
