/**
 * What several action groups (auth, account) need from a request and say when refused: the
 * client's address for rate limits, and the "too many" answer in people's words.
 */
import { ActionError, type ActionAPIContext } from 'astro:actions';
import { humanWait } from '../domain/rate-limit';
import type { Limited } from './accounts';

/** The client's address as Astro gives it (the front door decides what to trust), or 'unknown'. */
export function clientIp(context: Pick<ActionAPIContext, 'clientAddress'>): string {
  try {
    return context.clientAddress || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function tooMany(limited: Limited): ActionError {
  return new ActionError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many ${limited.what}. Please wait ${humanWait(limited.decision.retryAfterSec)} and try again.`,
  });
}
