import type { AstroCookies } from 'astro';
import { SESSION_COOKIE } from './session';
import { settings } from './settings';

/** HttpOnly, SameSite=Lax, Secure in production, Path=/, with an explicit expiry (Lucia guide). */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: number): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && !settings.INSECURE_COOKIES,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.set(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && !settings.INSECURE_COOKIES,
    path: '/',
    maxAge: 0,
  });
}
