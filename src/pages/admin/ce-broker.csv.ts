import type { APIRoute } from 'astro';
import { requireRole } from '~/lib/server/access';
import { rosterRequest } from '~/lib/server/ce-broker';
import { csvResponse, toCsv } from '~/lib/server/csv';
import { db } from '~/lib/server/db';

/** The CE Broker roster: columns A-H as CE Broker's full-credit Excel upload lays them out, no header row. */
export const GET: APIRoute = async (context) => {
  const admin = await requireRole(context, 'admin');
  if (admin instanceof Response) return admin;
  const req = rosterRequest(db(), context.url.searchParams);
  if (!req.ok) return new Response(`The roster needs a course, dates and the CE Broker numbers: ${Object.values(req.errors).join(' ') || 'open /admin/ce-broker to choose them.'}`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return csvResponse(`ce-broker-${req.query.course}-${req.query.from}-${req.query.to}.csv`, toCsv(null, req.roster.rows));
};
