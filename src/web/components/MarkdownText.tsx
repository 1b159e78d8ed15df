import { createElement, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';

type Level = 1 | 2 | 3 | 4 | 5 | 6;

/** The highest heading level a Markdown text uses (1 for "#"), or null when it has none. */
function topHeadingLevel(markdown: string): number | null {
  const levels = [...markdown.matchAll(/^ {0,3}(#{1,6})\s/gm)].map((m) => m[1]!.length);
  return levels.length > 0 ? Math.min(...levels) : null;
}

/** Headings moved so the text's top level is an h2 under the page's h1, keeping their order (axe's heading-order). */
function shiftedHeadings(markdown: string): Components {
  const offset = 2 - (topHeadingLevel(markdown) ?? 2);
  const heading =
    (level: Level) =>
    ({ children }: { children?: ReactNode }) =>
      createElement(`h${Math.min(6, Math.max(2, level + offset))}`, null, children);
  return {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    img: () => null,
  };
}

/**
 * Markdown an organisation wrote (education topics), rendered as text: raw HTML in it is dropped (`skipHtml`, never
 * rehype-raw), pictures are left out (they would load from elsewhere), and links keep react-markdown's safe-URL check.
 */
export function MarkdownText({ children }: { children: string }) {
  return (
    <div className="markdown-text break-anywhere">
      <Markdown skipHtml components={shiftedHeadings(children)}>
        {children}
      </Markdown>
    </div>
  );
}
