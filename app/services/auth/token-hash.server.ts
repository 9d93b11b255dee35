// Session ids and API tokens are stored as their SHA-256, never as sent.
import { createHash } from 'node:crypto'

export const sha256 = (v: string) => createHash('sha256').update(v).digest('hex')

export function hashApiToken(token: string): string {
  return sha256(token)
}
