import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The server commits each update before relaying it, within milliseconds; the indicator shows
 * "saving" while local edits are in flight and "saved" once the socket has been quiet.
 */
export function useSavingIndicator(quietMs = 400) {
  const [saving, setSaving] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onLocalChange = useCallback(() => {
    setSaving(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaving(false), quietMs);
  }, [quietMs]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { saving, onLocalChange };
}
