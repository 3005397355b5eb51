import "server-only";

/**
 * State that must exist once per server process: the cache, AWS clients, rate limiters and the
 * Logs Insights slots. Next bundles each route handler and page on its own, and a module-level
 * variable would exist once per bundle (two caches, two limiters, each under AWS's rate alone but
 * over it together); globalThis is the one object they all share.
 */
export function processState<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, unknown>;
  const key = Symbol.for(`headroom.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
