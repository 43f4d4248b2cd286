/**
 * What a form page needs after a no-JavaScript POST through an Astro Action: the field errors,
 * the top-level message, and what the user typed (minus passwords) so nothing has to be retyped.
 */
import { isInputError, type SafeResult } from 'astro:actions';
import type { AstroGlobal } from 'astro';
import { safeNext } from '../shared/redirect';
import type { TokenPurpose } from '../../../db/schema';
import { db } from './db';
import { checkEmailToken } from './email-tokens';

export interface FormState {
  submitted: boolean;
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  values: Record<string, string>;
  status: number;
}

const SECRET = /password/i;

export async function formState(
  request: Request,
  result: SafeResult<any, any> | undefined,
): Promise<FormState> {
  const values: Record<string, string> = {};
  // Only a refused form is shown again with what was typed; a successful one is not parsed again.
  if (request.method === 'POST' && result?.error) {
    try {
      const data = await request.clone().formData();
      for (const [k, v] of data) if (typeof v === 'string' && !SECRET.test(k)) values[k] = v;
    } catch {
      // The body was not a form (or already read): nothing to refill.
    }
  }
  if (!result) return { submitted: false, ok: false, message: null, errors: {}, values, status: 200 };
  if (!result.error) return { submitted: true, ok: true, message: null, errors: {}, values, status: 200 };
  const errors: Record<string, string> = {};
  if (isInputError(result.error)) {
    for (const [field, messages] of Object.entries(result.error.fields)) {
      if (Array.isArray(messages) && messages[0]) errors[field] = String(messages[0]);
    }
  }
  const message = isInputError(result.error)
    ? 'Please correct the fields marked below.'
    : result.error.message || 'Something went wrong. Please try again.';
  return { submitted: true, ok: false, message, errors, values, status: result.error.status ?? 400 };
}

/**
 * The forms of a page that holds several: the state of each, and the first that failed, whose
 * status the page answers with.
 */
export async function pageForms<K extends string>(
  Astro: Pick<AstroGlobal, 'request' | 'response'>,
  results: Record<K, SafeResult<any, any> | undefined>,
): Promise<{ forms: Record<K, FormState>; failed: FormState | undefined }> {
  const forms = {} as Record<K, FormState>;
  for (const key of Object.keys(results) as K[]) forms[key] = await formState(Astro.request, results[key]);
  const failed = Object.values<FormState>(forms).find((f) => f.submitted && !f.ok);
  if (failed) Astro.response.status = failed.status;
  return { forms, failed };
}

/** The address a form posts to: this page with its query string (search, page) kept, plus the action's. */
export function actionUrl(url: URL, action: { queryString: string }): string {
  const here = url.search.replace(/[?&]_action=[^&]*/, '');
  return `${url.pathname}${here ? `${here}&` : '?'}${action.queryString.replace(/^\?/, '')}`;
}

/**
 * The shared start of the sign-in and sign-up pages: on success go to `next` (a same-site path),
 * a signed-in visitor skips the form, otherwise the form state with the status to answer.
 */
export async function accountFormPage(
  Astro: Pick<AstroGlobal, 'request' | 'url' | 'locals' | 'redirect' | 'response'>,
  result: SafeResult<any, { next: string }> | undefined,
): Promise<Response | { form: FormState; next: string }> {
  if (result && !result.error) return Astro.redirect(result.data.next, 303);
  const form = await formState(Astro.request, result);
  Astro.response.status = form.status;
  const next = safeNext(form.values.next ?? Astro.url.searchParams.get('next'));
  if (Astro.locals.user && !form.submitted) return Astro.redirect(next, 303);
  return { form, next };
}

/**
 * The shared start of a page opened from an emailed link (reset a password, confirm an address, sign
 * in): on the action's success go to its `next`; otherwise the form state (of `shown`, when the page
 * holds a second form), the link's token (the posted form's, else the address's), whether the link
 * still works, and the safe `next`. A dead link opened rather than just posted answers 400; on
 * /sign-in-link a page with no token is the "ask for a link" form (`tokenOptional`).
 */
export async function linkFormPage(
  Astro: Pick<AstroGlobal, 'request' | 'url' | 'redirect' | 'response'>,
  result: SafeResult<any, { next: string }> | undefined,
  link: { purpose: TokenPurpose; nextFallback?: string; tokenOptional?: boolean; shown?: SafeResult<any, any> },
): Promise<Response | { form: FormState; token: string; valid: boolean; next: string }> {
  if (result && !result.error) return Astro.redirect(result.data.next, 303);
  const form = await formState(Astro.request, result ?? link.shown);
  const token = (form.values.token ?? Astro.url.searchParams.get('token') ?? '').slice(0, 100);
  const valid = token !== '' && checkEmailToken(db(), token, link.purpose).ok;
  const dead = !valid && !form.submitted && (token !== '' || !link.tokenOptional);
  Astro.response.status = dead ? 400 : form.status;
  return { form, token, valid, next: safeNext(form.values.next ?? Astro.url.searchParams.get('next'), link.nextFallback) };
}
