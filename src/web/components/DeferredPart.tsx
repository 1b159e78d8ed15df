import { Component, Suspense, type ReactNode } from 'react';

/**
 * A lazily loaded part the page works without (a header menu, the idle warning's dialog): nothing shows while its
 * chunk loads, and if the chunk cannot load the part stays away instead of taking the page, or from the header the
 * whole app, down with it.
 */
export function DeferredPart({ children }: { children: ReactNode }) {
  return (
    <MissingPartBoundary>
      <Suspense fallback={null}>{children}</Suspense>
    </MissingPartBoundary>
  );
}

class MissingPartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
