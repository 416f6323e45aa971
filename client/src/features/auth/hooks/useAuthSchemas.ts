import { useCallback, useEffect, useRef } from 'react';
import { activeLocale, loadCatalog } from '../../../i18n/i18n';

type AuthSchemas = typeof import('../schemas');

let loading: Promise<AuthSchemas> | undefined;
function loadAuthSchemas(): Promise<AuthSchemas> {
  // With the error messages: the form keeps the words it shows for a field, not their keys.
  return (loading ??= Promise.all([import('../schemas'), loadCatalog(activeLocale(), 'errors')])
    .then(([schemas]) => schemas)
    .catch((err: unknown) => {
      // A failed download is retried by the next submit, not remembered.
      loading = undefined;
      throw err;
    }));
}

/**
 * Starts downloading the auth schemas once the form is on screen, and returns `withSchemas`:
 * runs `run` with them, one submit at a time, so a second click while they arrive does not send
 * the form twice (the button is only disabled once the request is under way). `onFail` when
 * they cannot be downloaded.
 */
export function useAuthSchemas() {
  useEffect(() => {
    void loadAuthSchemas().catch(() => undefined);
  }, []);
  const busy = useRef(false);
  return useCallback(async (run: (schemas: AuthSchemas) => void, onFail: () => void) => {
    if (busy.current) return;
    busy.current = true;
    let schemas: AuthSchemas;
    try {
      schemas = await loadAuthSchemas();
    } catch {
      onFail();
      return;
    } finally {
      busy.current = false;
    }
    run(schemas);
  }, []);
}
