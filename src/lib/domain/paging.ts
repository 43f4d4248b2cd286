/**
 * One page of a long list (admin users, the audit log): the page size clamped to 1..max, the page
 * number clamped to the pages there are (a page past the end shows the last one), and the offset.
 */
export type Paging = { page: number; pages: number; pageSize: number; offset: number };

export function paging(total: number, requested: { page?: number; pageSize?: number }, sizes: { standard: number; max: number }): Paging {
  const pageSize = Math.min(Math.max(requested.pageSize ?? sizes.standard, 1), sizes.max);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(requested.page ?? 1, 1), pages);
  return { page, pages, pageSize, offset: (page - 1) * pageSize };
}
