import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page of an area the browser fetches only when a route first shows it (issue 14: a lighter first page). `load`
 * imports the area's module, so every page of the area comes in one chunk named after it; `name` is the page's
 * export. The page suspends while its chunk loads: AppLayout shows the page-loading state, and a chunk that fails to
 * load (e.g. gone after a deploy) reaches AppLayout's error boundary, which offers a reload.
 */
export function lazyPage<Area, Name extends keyof Area>(
  load: () => Promise<Area>,
  name: Name,
): LazyExoticComponent<Area[Name] & ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as Area[Name] & ComponentType }));
}
