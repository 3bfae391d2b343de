/**
 * A formula in LaTeX, rendered by KaTeX (its CSS and fonts are bundled: nothing is fetched from
 * another host). A formula KaTeX cannot read is shown as its source, in red, not thrown.
 */

import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/** Rendered display maths. */
export function Formula({ tex }: { tex: string }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: true, throwOnError: false }),
    [tex],
  );
  return <div className="lesson-formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
