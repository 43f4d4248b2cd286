/** A club member is someone whose `memberUntil` lies in the future. */
export function isMember(user: { memberUntil: number | null } | null | undefined, now = Date.now()): boolean {
  return !!user && user.memberUntil !== null && user.memberUntil > now;
}
