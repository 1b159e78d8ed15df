import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A component the browser fetches only when it first renders (issue 14: a lighter first page). `load` imports its
 * module (for a page, its area's module, so all of an area's pages come in one chunk named after it); `name` is the
 * component's export. It suspends while its chunk loads: for a page AppLayout shows the page-loading state, and a
 * chunk that fails to load reaches the page error boundary, which offers a reload. Parts the page works without sit
 * in a DeferredPart instead.
 */
export function lazyComponent<Module, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<Module[Name] & ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as Module[Name] & ComponentType }));
}
