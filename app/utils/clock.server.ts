// The time source for everything that expires (sessions, rate limits, deadlines). Tests set a fake clock.
let current: () => Date = () => new Date()

export const now = (): Date => current()

export function setClock(fn: (() => Date) | null): void {
  current = fn ?? (() => new Date())
}
