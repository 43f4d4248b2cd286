/**
 * Runs every action request, so bad requests get a 4xx with a message instead of a 500 and the
 * form is parsed once (by Astro), only after the cheap checks pass:
 * - the action name must be an own property of the server's actions (never `__proto__`);
 * - every action takes a form (URL-encoded or multipart);
 * - the body must fit: 1 MB, or 6 MB for a signed-in member's upload (16.4), judged on the
 *   declared length before a byte of it is read;
 * - an unexpected error inside an action is logged, and the caller gets a generic message (16.9):
 *   database error text never reaches the client.
 */
import { ActionError, type SafeResult } from 'astro:actions';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, UPLOAD_ACTIONS } from '../shared/body-limits.mjs';
import { isMember } from './access';
import { logEvent } from './log';
import { safeNext } from '~/lib/shared/redirect';

export interface ActionCall {
  name: string;
  calledFrom: 'rpc' | 'form';
}

export type Refusal = { status: 400 | 404 | 413 | 415; code: string; message: string };

/** The action name as Astro resolves it: percent-decoded, without a trailing slash (its client adds one). */
export function normalizeActionName(raw: string): string {
  let name = raw.replace(/\/+$/, '');
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape stays as it is and will not match any action.
  }
  return name;
}

/** The server's action of that name, or null: only own properties (never `__proto__`), and only a function (a group is an object). */
function actionNamed(server: Record<string, unknown>, rawName: string): ((input: FormData) => unknown) | null {
  const parts = normalizeActionName(rawName).split('.');
  let node: unknown = server;
  for (const part of parts) {
    if (!part || typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'function' ? (node as (input: FormData) => unknown) : null;
}

export function knownAction(server: Record<string, unknown>, rawName: string): boolean {
  return actionNamed(server, rawName) !== null;
}

/**
 * Runs a call to /_actions/<name> (the islands' calls). Its answer is made in the middleware and the
 * body is never read again, so the form is read as it came. Astro's own handler (`action.handler`)
 * first clones the request, so that a page can read the body once more after a form post's action
 * (the React renderer does); for a case decision that copy cost more than the form's parsing
 * (issue 21, bench/README.md). Validation, errors and the action's context are Astro's, through
 * `callAction`. A form that cannot be read gives UNSUPPORTED_MEDIA_TYPE, as Astro's handler does.
 */
export async function callRpcAction(
  context: { request: Request; callAction: (action: any, input: FormData) => Promise<SafeResult<any, any>> },
  server: Record<string, unknown>,
  name: string,
): Promise<SafeResult<any, any>> {
  const action = actionNamed(server, name);
  if (!action) return { data: undefined, error: new ActionError({ code: 'NOT_FOUND' }) };
  const form = await context.request.formData().catch(() => null);
  if (!form) return { data: undefined, error: new ActionError({ code: 'UNSUPPORTED_MEDIA_TYPE' }) };
  return context.callAction(action, form);
}

type Caller = Parameters<typeof isMember>[0];

/** The largest body this caller may send to this action: the upload limit only for a member's upload (access.ts says who is one). */
export function actionBodyLimit(name: string, user: Caller): number {
  const member = isMember(user);
  return member && UPLOAD_ACTIONS.includes(normalizeActionName(name)) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
}

export const TOO_LARGE = (limit: number) => `The request is too large. The limit is ${Math.round(limit / 1024)} KB.`;

/** The checks that need no body: a refusal, or null to go ahead. */
export function checkActionRequest(request: Request, server: Record<string, unknown>, call: ActionCall, user?: Caller): Refusal | null {
  if (!knownAction(server, call.name)) {
    return { status: 404, code: 'NOT_FOUND', message: 'There is no such action. Reload the page and try again.' };
  }
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded') && !(type.startsWith('multipart/form-data') && type.includes('boundary='))) {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send this as a form (URL-encoded or multipart form data).' };
  }
  const limit = actionBodyLimit(call.name, user);
  // No Content-Length and no Transfer-Encoding is an empty body.
  const declared = Number(request.headers.get('content-length') ?? (request.headers.has('transfer-encoding') ? NaN : 0));
  // The front door reads every other body whole and sets its length; only a member's upload streams.
  if (!(declared <= limit)) return { status: 413, code: 'CONTENT_TOO_LARGE', message: TOO_LARGE(limit) };
  return null;
}

const GENERIC = 'Something went wrong on our side, so this was not done. Please try again; if it keeps happening, tell the site administrator.';

/**
 * What the caller may see of an action's result. Astro turns any unexpected error into an
 * INTERNAL_SERVER_ERROR carrying the error's own message (for SQLite, table and column names):
 * that detail goes to the log, the caller gets a generic message.
 */
export function publicResult<T extends SafeResult<any, any>>(result: T, call: ActionCall): T {
  const error = result.error;
  if (!error) return result;
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    logEvent('error', 'action.failed', { action: call.name, message: error.message });
    return { data: undefined, error: new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC }) } as T;
  }
  if (error.code === 'CONTENT_TOO_LARGE') {
    return { data: undefined, error: new ActionError({ code: 'CONTENT_TOO_LARGE', message: TOO_LARGE(MAX_UPLOAD_BYTES) }) } as T;
  }
  return result;
}

/**
 * A form Astro could not parse (it says UNSUPPORTED_MEDIA_TYPE) is refused with 400 at once: the
 * page must not render with it, as the React renderer parses the form again and would throw.
 */
export function unreadableForm(result: SafeResult<any, any>): Refusal | null {
  return result.error?.code === 'UNSUPPORTED_MEDIA_TYPE'
    ? { status: 400, code: 'BAD_REQUEST', message: 'The form could not be read. Reload the page and submit it again.' }
    : null;
}

/**
 * Where a form post goes once its action succeeded (post, redirect, get): an action that answers a
 * form with `{ url }`, a path on this site, sends the browser there with a 303 from the middleware,
 * so the page the form was posted to is never rendered just to redirect (issue 21).
 */
export function successRedirect(result: SafeResult<any, any>, call: ActionCall): string | null {
  if (call.calledFrom !== 'form' || result.error) return null;
  const url = (result.data as { url?: unknown } | null | undefined)?.url;
  // Only a path of this site, by the one same-site rule the sign-in redirect uses.
  return safeNext(url, '') || null;
}

/** The refusal in the shape the caller expects: Astro's action-error JSON for /_actions/, plain text for form posts. */
export function refusalResponse(refusal: Refusal, call: ActionCall): Response {
  if (call.calledFrom === 'rpc') {
    return new Response(JSON.stringify({ type: 'AstroActionError', code: refusal.code, status: refusal.status, message: refusal.message }), {
      status: refusal.status,
      headers: { 'content-type': 'application/json' },
    });
  }
  return new Response(refusal.message, { status: refusal.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
