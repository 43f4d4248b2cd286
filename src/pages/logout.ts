import type { APIRoute } from 'astro';
import { clearSessionCookie } from '../lib/server/cookies';
import { db } from '../lib/server/db';
import { invalidateSession } from '../lib/server/session';

/** POST only (Astro's Origin check guards it); a GET must never sign anyone out. */
export const POST: APIRoute = ({ locals, cookies, redirect }) => {
  if (locals.session) invalidateSession(db(), locals.session.id);
  clearSessionCookie(cookies);
  return redirect('/', 303);
};
