import type { APIRoute } from 'astro';
import { endCurrentSession } from '../actions/auth';
import { clearSessionCookie } from '../lib/server/cookies';

/** POST only (Astro's Origin check guards it); a GET must never sign anyone out. */
export const POST: APIRoute = ({ locals, cookies, redirect }) => {
  endCurrentSession(locals.session?.id);
  clearSessionCookie(cookies);
  return redirect('/', 303);
};
