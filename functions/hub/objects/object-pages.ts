import { InvalidParametersError } from '../../ocpi/errors';
import { paginationHeaders, parsePaginationQuery } from '../../ocpi/pagination';
import {
  type DateBounds,
  InvalidPagePositionError,
  type PageRequest,
  pageSortKey,
  type StoredObjectRepository,
} from '../../store/stored-object.repository';
import type { TenantContext } from '../hub-runtime';
import { CURSOR_PARAM, decodeCursor, encodeCursor } from './page-cursor';

export interface ListRequest {
  /** The request's query parameters (offset, limit, date_from, date_to, cursor). */
  query: Record<string, string | undefined>;
  /** The public URL of the request, query included: the base of the next-page Link. */
  requestUrl: string;
  /** The server's page size maximum (X-Limit). */
  maxLimit: number;
  /** The partner asking: its cursors work for it only. */
  callerId: string;
}

/**
 * "GET All via hub" (ocpi-notes §3.4, §1.5): the stored objects of every owner, oldest last_updated first,
 * paginated. A page costs one Query per listing shard (plus one read of the counters) whatever the
 * number of stored objects: the next-page Link carries a signed cursor to start from, the unfiltered
 * X-Total-Count is a counter, and a date-filtered one is summed from time-bucket counters on the first
 * page and carried in the cursor after it. Only an explicit offset without cursor costs more: it reads
 * the sort keys up to the offset.
 *
 * Sorting by last_updated rather than creation means an object updated while a client pages through
 * moves behind the cursor and is served again at the end instead of being skipped.
 */
export async function listStoredObjects<T>(
  ctx: TenantContext,
  repo: StoredObjectRepository<T>,
  req: ListRequest,
): Promise<{ objects: T[]; headers: Record<string, string> }> {
  const pq = parsePaginationQuery(req.query, { maxLimit: req.maxLimit });
  const range: DateBounds = { from: pq.dateFrom, to: pq.dateTo };
  const filtered = range.from !== undefined || range.to !== undefined;
  const cursorText = req.query[CURSOR_PARAM];
  const cursor = cursorText
    ? decodeCursor(ctx.runtime.keys, cursorText, repo.module, range, req.callerId)
    : undefined;

  const countTotal = () => (filtered ? repo.countRange(range) : repo.countAll());
  const position = async (): Promise<Pick<PageRequest, 'after'> | 'end'> => {
    if (cursor) return { after: cursor.after };
    const skipped = await repo.skip(range, pq.offset);
    if (skipped.exhausted) return 'end';
    return skipped.after !== undefined ? { after: skipped.after } : {};
  };
  // The total and the page do not wait for each other: a first page costs its slower half, not both.
  const [total, page] = await Promise.all([
    cursor?.total ?? countTotal(),
    position().then((start) =>
      start === 'end'
        ? { objects: [], hasMore: false }
        : readPage(repo, { ...start, range, limit: pq.limit }),
    ),
  ]);

  const last = page.objects.at(-1);
  const nextCursor =
    page.hasMore && last
      ? encodeCursor(ctx.runtime.keys, repo.module, range, req.callerId, {
          after: pageSortKey(last),
          ...(filtered ? { total } : {}),
        })
      : undefined;
  const args = {
    requestUrl: req.requestUrl,
    offset: pq.offset,
    limit: pq.limit,
    returned: page.objects.length,
    total,
    maxLimit: req.maxLimit,
    ...(nextCursor ? { nextCursor } : {}),
  };
  const headers = paginationHeaders(args);
  // The store knows whether more remain; a total that moved meanwhile must not add or drop the Link.
  if (!page.hasMore) delete headers.Link;
  else if (!headers.Link) {
    const link = paginationHeaders({ ...args, total: args.offset + args.returned + 1 }).Link;
    if (link) headers.Link = link;
  }
  return { objects: page.objects.map((o) => o.object), headers };
}

async function readPage<T>(repo: StoredObjectRepository<T>, req: PageRequest) {
  try {
    return await repo.page(req);
  } catch (err) {
    if (err instanceof InvalidPagePositionError) throw new InvalidParametersError(err.message, CURSOR_PARAM);
    throw err;
  }
}
