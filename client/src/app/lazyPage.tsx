import type { QueryClient } from '@tanstack/react-query';
import { lazy, type ComponentType } from 'react';
import { matchRoutes, type Params, type RouteObject } from 'react-router';
import { activeLocale, loadCatalog, type CataloguePart } from '../i18n/i18n';
import { queryClient } from './queryClient';

/** Starts what a page needs: its code and its first queries, all at once. */
export type Warm = (params: Params) => void;
export type Prefetch = (qc: QueryClient, params: Params) => void;

interface WarmHandle {
  warm?: Warm;
}

/**
 * A route whose component is code-split. The chunk, the part of the reader's messages the page
 * shows (`messages`: the workspace pages' part unless the route names another) and the
 * page's queries start together, from `warmPath`: when a navigation starts (including the first
 * load, see `AppRoutes`) and on link hover/focus. The page renders inside its layout's Suspense
 * boundary, so the frame stays on screen while the code arrives.
 */
export function lazyPage<M>(
  load: () => Promise<M>,
  pick: (m: M) => ComponentType,
  prefetch?: Prefetch,
  { messages = 'pages' }: { messages?: CataloguePart } = {},
): Pick<RouteObject, 'element' | 'handle'> {
  let chunk: Promise<{ default: ComponentType }> | undefined;
  const preload = () =>
    (chunk ??= Promise.all([
      load(),
      // Without its words the page still works (translate fetches them on a miss).
      loadCatalog(activeLocale(), messages).catch(() => undefined),
    ]).then(([m]) => ({ default: pick(m) })));
  const Page = lazy(preload);
  const warm: Warm = (params) => {
    void preload().catch(() => {
      // A failed chunk load is retried by the next navigation, not remembered.
      chunk = undefined;
    });
    prefetch?.(queryClient, params);
  };
  return {
    element: <Page />,
    handle: { warm } satisfies WarmHandle,
  };
}

let warmRoutes: RouteObject[] = [];

/** The route table `warmPath` matches against (set once by the router). */
export function setWarmRoutes(routes: RouteObject[]): void {
  warmRoutes = routes;
}

/**
 * Warms every lazy route along an absolute path. Idempotent (chunks are loaded once, queries
 * are deduplicated), and deferred to a microtask so it may be called while rendering: a
 * prefetch notifies the query's observers, which must not happen inside another render.
 */
export function warmPath(path: string): void {
  queueMicrotask(() => {
    for (const m of matchRoutes(warmRoutes, path) ?? []) {
      (m.route.handle as WarmHandle | undefined)?.warm?.(m.params);
    }
  });
}

/** Event handlers that warm `path` when the pointer or focus reaches a link to it. */
export function warmOn(path: string) {
  const go = () => warmPath(path);
  return { onMouseEnter: go, onFocus: go, onTouchStart: go };
}
