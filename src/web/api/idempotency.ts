/**
 * A key the server uses to recognise a retried change (a message, a refill request, an invitation, a proxy request,
 * a staff reply): made once per form (a new one after each success), so a double click or a retry after a lost
 * answer makes one.
 */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
