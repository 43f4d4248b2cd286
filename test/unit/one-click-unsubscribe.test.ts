import { describe, expect, it } from 'vitest';
import { allowOneClickUnsubscribe } from '../../scripts/front-door.mjs';

const token = 'abcdefghijklmnopqrstuvwxyz234567';
const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: { host: 'ce.example.org', origin: 'https://mail.example.net', ...headers }, socket: {} });

describe('front door: RFC 8058 one-click unsubscribe', () => {
  it('vouches for the origin of a POST to /unsubscribe with a token, so the mail provider is not refused', () => {
    const r = req('POST', `/unsubscribe?token=${token}`);
    allowOneClickUnsubscribe(r);
    expect(r.headers.origin).toBe('http://ce.example.org');
    const proxied = req('POST', `/unsubscribe?token=${token}`, { 'x-forwarded-proto': 'https' });
    allowOneClickUnsubscribe(proxied);
    expect(proxied.headers.origin).toBe('https://ce.example.org');
  });

  it('leaves every other request alone: other paths, other methods, extra parameters, malformed tokens', () => {
    for (const r of [
      req('POST', '/login?_action=auth.login'),
      req('GET', `/unsubscribe?token=${token}`),
      req('POST', `/unsubscribe?token=${token}&_action=auth.logoutAll`),
      req('POST', `/unsubscribe?token=${token.toUpperCase()}`),
      req('POST', '/unsubscribe'),
      req('POST', `/unsubscribe/?token=${token}`),
    ]) {
      allowOneClickUnsubscribe(r);
      expect(r.headers.origin, `${r.method} ${r.url}`).toBe('https://mail.example.net');
    }
  });
});
