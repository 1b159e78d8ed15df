import { useEffect, useRef } from 'react';

/**
 * Focuses the element when it first appears: the heading of a new step in a multi-step form, so
 * keyboard and screen-reader users continue from the top of what just changed.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus();
  }, []);
  return ref;
}
