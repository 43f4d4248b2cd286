import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { db } from '../lib/server/db';
import { logError } from '../lib/server/log';

/** 200 once the database answers a query, 503 otherwise. */
export const GET: APIRoute = () => {
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  try {
    const row = db().get<{ ok: number }>(sql`select 1 as ok`);
    if (row?.ok !== 1) throw new Error('unexpected answer from the database');
    return new Response(JSON.stringify({ status: 'ok', database: 'ok' }), { status: 200, headers });
  } catch (error) {
    logError('healthz.failed', error);
    return new Response(JSON.stringify({ status: 'error', database: 'unavailable' }), { status: 503, headers });
  }
};
