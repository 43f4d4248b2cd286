import type { AstroCookies } from 'astro';
import { SESSION_COOKIE } from './session';

/** HttpOnly, SameSite=Lax, Secure in production, Path=/, with an explicit expiry (Lucia guide). */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: number): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && process.env.INSECURE_COOKIES !== '1',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.set(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && process.env.INSECURE_COOKIES !== '1',
    path: '/',
    maxAge: 0,
  });
}
