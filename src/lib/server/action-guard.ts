/**
 * Checks an action request before Astro runs it, so bad requests get a 4xx with a message instead
 * of a 500: an action name must be an own property of the server's actions (never `__proto__` or
 * `constructor`), every action takes a form, and the form must be readable.
 */
export interface ActionCall {
  name: string;
  calledFrom: 'rpc' | 'form';
}

export type Refusal = { status: 400 | 404 | 415; code: string; message: string };

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

export function knownAction(server: Record<string, unknown>, rawName: string): boolean {
  const parts = normalizeActionName(rawName).split('.');
  let node: unknown = server;
  for (const part of parts) {
    if (!part || typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  // An action is a function; a group (an object of actions) is not callable.
  return typeof node === 'function';
}

export async function checkActionRequest(request: Request, server: Record<string, unknown>, call: ActionCall): Promise<Refusal | null> {
  if (!knownAction(server, call.name)) {
    return { status: 404, code: 'NOT_FOUND', message: 'There is no such action. Reload the page and try again.' };
  }
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded') && !(type.startsWith('multipart/form-data') && type.includes('boundary='))) {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send this as a form (URL-encoded or multipart form data).' };
  }
  try {
    await request.clone().formData();
  } catch {
    return { status: 400, code: 'BAD_REQUEST', message: 'The form could not be read. Reload the page and submit it again.' };
  }
  return null;
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
