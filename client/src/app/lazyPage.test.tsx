import { describe, expect, it, vi } from 'vitest';
import { lazyPage, setWarmRoutes, warmPath } from './lazyPage';

describe('warming a path: code and data start together', () => {
  it('starts the chunk and the queries of every lazy route along the path, once per chunk', async () => {
    const loads = { layout: 0, home: 0, network: 0 };
    const prefetched: string[] = [];
    const page = (name: keyof typeof loads) =>
      lazyPage(
        () => {
          loads[name]++;
          return Promise.resolve({ Page: () => null });
        },
        (m) => m.Page,
        (_qc, params) => prefetched.push(`${name}:${params.wid}`),
      );
    setWarmRoutes([
      {
        path: 'w/:wid',
        ...page('layout'),
        children: [
          { index: true, ...page('home') },
          { path: 'network', ...page('network') },
        ],
      },
    ]);

    warmPath('/w/abc/network');
    await vi.waitFor(() => expect(prefetched).toEqual(['layout:abc', 'network:abc']));
    expect(loads).toEqual({ layout: 1, home: 0, network: 1 });

    // A link to the overview (trailing slash, as the section links build it), hovered twice.
    warmPath('/w/abc/');
    warmPath('/w/abc/');
    await vi.waitFor(() => expect(prefetched).toContain('home:abc'));
    expect(loads).toEqual({ layout: 1, home: 1, network: 1 });
  });
});
