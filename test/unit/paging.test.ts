import { describe, expect, it } from 'vitest';
import { paging } from '~/lib/domain/paging';

const sizes = { standard: 25, max: 100 };

describe('paging', () => {
  it('splits 60 rows into pages of 25: page 2 starts at row 25, page 3 holds the last 10', () => {
    expect(paging(60, { page: 2 }, sizes)).toEqual({ page: 2, pages: 3, pageSize: 25, offset: 25 });
    expect(paging(60, { page: 3 }, sizes)).toEqual({ page: 3, pages: 3, pageSize: 25, offset: 50 });
  });

  it('clamps a page past the end to the last, a page below 1 to the first, and an empty list to one page', () => {
    expect(paging(60, { page: 9 }, sizes)).toMatchObject({ page: 3, offset: 50 });
    expect(paging(60, { page: -4 }, sizes)).toMatchObject({ page: 1, offset: 0 });
    expect(paging(0, {}, sizes)).toEqual({ page: 1, pages: 1, pageSize: 25, offset: 0 });
  });

  it('clamps the page size to 1..max', () => {
    expect(paging(500, { pageSize: 1000 }, sizes)).toMatchObject({ pageSize: 100, pages: 5 });
    expect(paging(3, { pageSize: 0 }, sizes)).toMatchObject({ pageSize: 1, pages: 3 });
  });
});
