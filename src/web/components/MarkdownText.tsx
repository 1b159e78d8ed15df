import Markdown, { type Components } from 'react-markdown';

/** Headings in a topic start one level below the page's h1 (a topic's "#" is the page's h2). */
const shiftedHeadings: Components = {
  h1: ({ children }) => <h2>{children}</h2>,
  h2: ({ children }) => <h3>{children}</h3>,
  h3: ({ children }) => <h4>{children}</h4>,
  h4: ({ children }) => <h5>{children}</h5>,
  h5: ({ children }) => <h6>{children}</h6>,
  img: () => null,
};

/**
 * Markdown an organisation wrote (education topics), rendered as text: raw HTML in it is dropped (`skipHtml`, never
 * rehype-raw), pictures are left out (they would load from elsewhere), and links keep react-markdown's safe-URL check.
 */
export function MarkdownText({ children }: { children: string }) {
  return (
    <div className="markdown-text break-anywhere">
      <Markdown skipHtml components={shiftedHeadings}>
        {children}
      </Markdown>
    </div>
  );
}
