/** A club member is someone whose `memberUntil` lies in the future. */
import { clock } from '../shared/clock';
export function isMember(user: { memberUntil: number | null } | null | undefined, now = clock.now()): boolean {
  return !!user && user.memberUntil !== null && user.memberUntil > now;
}
