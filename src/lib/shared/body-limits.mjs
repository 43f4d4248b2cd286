// Request body limits in one place: the front door (plain JS, scripts/front-door.mjs),
// astro.config.mjs (security.actionBodySizeLimit) and the action guard all read them here.

/** Largest body of any request but an upload: forms are a few KB, 1 MB leaves room. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The outside-CE form promises files up to 5 MB; the multipart form around such a file needs a little more. */
export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;
/** The actions that take a file, and so may use the larger limit (for a signed-in member only). */
export const UPLOAD_ACTIONS = ['ce.addExternal'];

/**
 * The action a request URL calls, as Astro reads it: `/_actions/<name>` (from scripts) or
 * `?_action=<name>` on a page (plain form posts); undefined for other requests.
 * @param {string | undefined} url the request target, e.g. `/me/ce?_action=ce.addExternal`
 * @returns {string | undefined}
 */
export function actionNameOf(url) {
  const [path = '/', query = ''] = String(url ?? '/').split('?', 2);
  if (path.startsWith('/_actions/')) {
    const raw = path.slice('/_actions/'.length);
    try {
      return decodeURIComponent(raw).replace(/\/+$/, '');
    } catch {
      return raw;
    }
  }
  const name = new URLSearchParams(query).get('_action');
  return name ?? undefined;
}

/** @param {string | undefined} url */
export function isUploadAction(url) {
  const name = actionNameOf(url);
  return name !== undefined && UPLOAD_ACTIONS.includes(name);
}
