import type { Page } from '@coalesce/shared';

/**
 * Walks a keyset-paginated list page by page, so a module can hand its list to the research
 * export as a stream of batches without a second query path.
 */
export async function* pagesOf<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    if (page.items.length) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
