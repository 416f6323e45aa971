import { useSearchParams } from 'react-router';

export type NetworkView = 'map' | 'table';

/** Map or table, kept in the address (`?view=table`) so a reload or a shared link keeps it. */
export function useNetworkView() {
  const [params, setParams] = useSearchParams();
  const view: NetworkView = params.get('view') === 'table' ? 'table' : 'map';
  const setView = (v: NetworkView) =>
    setParams((p) => (v === 'table' ? p.set('view', 'table') : p.delete('view'), p), {
      replace: true,
    });
  return { view, setView };
}
