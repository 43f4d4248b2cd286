import type { APIRoute } from 'astro';
import { requireRole } from '~/lib/server/access';
import { writeAudit } from '~/lib/server/audit';
import { rosterRequest } from '~/lib/server/ce-broker';
import { csvResponse, toCsv } from '~/lib/server/csv';
import { db } from '~/lib/server/db';

/**
 * The CE Broker roster: columns A-H as CE Broker's full-credit Excel upload lays them out, no header
 * row. Each download is audited: it is what the provider reports to a licensing board.
 */
export const GET: APIRoute = async (context) => {
  const admin = await requireRole(context, 'admin');
  if (admin instanceof Response) return admin;
  const req = rosterRequest(db(), context.url.searchParams);
  if (!req.ok) return new Response(`The roster needs a course, dates and the CE Broker numbers: ${Object.values(req.errors).join(' ') || 'open /admin/ce-broker to choose them.'}`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const { course, from, to, licenceType } = req.query;
  writeAudit(db(), { actorId: admin.id, action: 'ce-broker.export', subject: `course:${course}`, detail: { course, from, to, licenceType, rows: req.roster.rows.length, missing: req.roster.problems.length } });
  return csvResponse(`ce-broker-${course}-${from}-${to}.csv`, toCsv(null, req.roster.rows));
};
