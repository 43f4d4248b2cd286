import type { APIRoute } from 'astro';
import { db } from '~/lib/server/db';
import { hit, RULES } from '~/lib/server/rate-limit';
import { verifyCode } from '~/lib/server/verify';
import { clientKey } from '~/lib/server/client-address';

/** GET /api/verify/<code>: valid, revoked (with its date, never the internal reason) or not found, as JSON. Rate limited. */
export const GET: APIRoute = (context) => {
  const { params } = context;
  const gate = hit(db(), `verify:ip:${clientKey(context)}`, RULES.verifyIp);
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (!gate.allowed) {
    return new Response(JSON.stringify({ error: 'Too many requests. Try again later.', retryAfterSeconds: gate.retryAfterSec }), {
      status: 429,
      headers: { ...headers, 'retry-after': String(gate.retryAfterSec) },
    });
  }
  const v = verifyCode(db(), params.code ?? '');
  return new Response(JSON.stringify(v), { status: v.status === 'not-found' ? 404 : 200, headers });
};
