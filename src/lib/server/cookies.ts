import type { AstroCookies } from 'astro';
import { SESSION_COOKIE } from './session';
import { settings } from './settings';

/** Whether this request ended the session cookie it came with (sign-out, sign-out everywhere, an expired session). */
export function sessionEnded(cookies: AstroCookies, hadToken: boolean): boolean {
  return hadToken && cookies.get(SESSION_COOKIE)?.value === '';
}

/** HttpOnly, SameSite=Lax, Secure in production, Path=/, with an explicit expiry (Lucia guide) unless it is a shared-computer session. */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: number, persistent = true): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && !settings.INSECURE_COOKIES,
    path: '/',
    // A shared-computer sign-in gets no expiry: the browser forgets the cookie when it closes.
    ...(persistent ? { expires: new Date(expiresAt) } : {}),
  });
}

/** Ends the cookie; the middleware then adds Clear-Site-Data (see sessionEnded). */
export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.set(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && !settings.INSECURE_COOKIES,
    path: '/',
    maxAge: 0,
  });
}
