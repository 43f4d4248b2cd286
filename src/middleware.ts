import type { APIContext, MiddlewareNext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { getActionContext } from 'astro:actions';
import { server } from './actions';
import { callRpcAction, checkActionRequest, publicResult, refusalResponse, successRedirect, unreadableForm } from './lib/server/action-guard';
import { db } from './lib/server/db';
import { logError } from './lib/server/log';
import { SESSION_COOKIE, validateSessionToken } from './lib/server/session';
import { clearSessionCookie, sessionEnded, setSessionCookie } from './lib/server/cookies';
import { secured, withSecurityHeaders } from './lib/server/security-headers';
import { ensureBackgroundJobs } from './lib/server/jobs';

/** What the answer needs besides its body: who it is for (lib/server/security-headers.ts). */
interface Answer {
  response: Response;
  personal: boolean;
  signedOut?: boolean;
}

export const onRequest = defineMiddleware(async (context, next) => {
  // Pages written at build time (the pictures under /media/) have no visitor: no session, no
  // background jobs (which would start in the build process), no headers to read.
  if (context.isPrerendered) return next();
  const { response, personal, signedOut } = await respond(context, next);
  // `astro dev` sends no CSP of its own: its pages are read to hash their inline scripts.
  if (import.meta.env.DEV) return withSecurityHeaders(response, { personal, signedOut });
  // Every answer of the app gets its headers here, on the Response Astro made when it can take them
  // (a new one otherwise); the front door compresses the body as the adapter writes it
  // (scripts/compress-answers.mjs).
  return secured(response, { personal, signedOut });
});

async function respond(context: APIContext, next: MiddlewareNext): Promise<Answer> {
  // The mail sender and the daily jobs live in the server process; the first request starts them.
  ensureBackgroundJobs(context.url);
  context.locals.user = null;
  context.locals.session = null;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  // Whatever answers a request with a session cookie may show that person's data: never cache it.
  const personal = Boolean(token);
  if (token) {
    const result = validateSessionToken(db(), token);
    if (result) {
      context.locals.user = result.user;
      context.locals.session = result.session;
      if (result.renewed) setSessionCookie(context.cookies, token, result.session.expiresAt, result.session.persistent);
    } else {
      clearSessionCookie(context.cookies);
    }
  }
  try {
    // Actions run here rather than in Astro's route, so the cheap checks (name, form type, size for
    // this caller) come before the body is read, the form is parsed once, and unexpected errors are
    // logged and hidden (Astro documents running actions from middleware with getActionContext).
    const { action, setActionResult, serializeActionResult } = getActionContext(context);
    if (action) {
      const refusal = checkActionRequest(context.request, server, action, context.locals.user);
      if (refusal) return { response: refusalResponse(refusal, action), personal };
      // An island's call is answered here, so its body is read without Astro's copy (action-guard.ts).
      const outcome = action.calledFrom === 'rpc' ? await callRpcAction(context, server, action.name) : await action.handler();
      const unreadable = unreadableForm(outcome);
      if (unreadable) return { response: refusalResponse(unreadable, action), personal };
      const redirect = successRedirect(outcome, action);
      if (redirect) return { response: context.redirect(redirect, 303), personal, signedOut: sessionEnded(context.cookies, personal) };
      const result = serializeActionResult(publicResult(outcome, action));
      if (action.calledFrom === 'rpc') {
        const response =
          result.type === 'empty'
            ? new Response(null, { status: result.status })
            : new Response(result.body, { status: result.status, headers: { 'content-type': result.contentType } });
        return { response, personal, signedOut: sessionEnded(context.cookies, personal) };
      }
      setActionResult(action.name, result);
    }
    const response = await next();
    return { response, personal, signedOut: sessionEnded(context.cookies, personal) };
  } catch (error) {
    logError('request.failed', error, { method: context.request.method, path: context.url.pathname });
    throw error;
  }
}
