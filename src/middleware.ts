import { defineMiddleware } from 'astro:middleware';
import { getActionContext } from 'astro:actions';
import { server } from './actions';
import { checkActionRequest, refusalResponse } from './lib/server/action-guard';
import { db } from './lib/server/db';
import { logError } from './lib/server/log';
import { SESSION_COOKIE, validateSessionToken } from './lib/server/session';
import { clearSessionCookie, setSessionCookie } from './lib/server/cookies';
import { withSecurityHeaders } from './lib/server/security-headers';
import { ensureBackgroundJobs } from './lib/server/jobs';

export const onRequest = defineMiddleware(async (context, next) => {
  // The mail sender and the daily jobs live in the server process; the first request starts them.
  ensureBackgroundJobs(context.url.origin);
  context.locals.user = null;
  context.locals.session = null;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const result = validateSessionToken(db(), token);
    if (result) {
      context.locals.user = result.user;
      context.locals.session = result.session;
      if (result.renewed) setSessionCookie(context.cookies, token, result.session.expiresAt);
    } else {
      clearSessionCookie(context.cookies);
    }
  }
  try {
    const { action } = getActionContext(context);
    if (action) {
      const refusal = await checkActionRequest(context.request, server, action);
      if (refusal) return await withSecurityHeaders(refusalResponse(refusal, action));
    }
    return await withSecurityHeaders(await next());
  } catch (error) {
    logError('request.failed', error, { method: context.request.method, path: context.url.pathname });
    throw error;
  }
});
