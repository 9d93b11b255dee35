// Where a state-changing request comes from, judged from its headers alone. One rule for the
// Express layer (which refuses 'foreign' before anything reads the body) and for every action
// (which accepts only 'same').
export type OriginVerdict = 'same' | 'foreign' | 'unknown'

export function originVerdict(header: (name: string) => string | null | undefined, ownHost: string | null | undefined): OriginVerdict {
  const site = header('sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') return 'foreign'
  const origin = header('origin')
  if (origin) {
    try {
      return !!ownHost && new URL(origin).host === ownHost ? 'same' : 'foreign'
    } catch {
      return 'foreign'
    }
  }
  return site === 'same-origin' ? 'same' : 'unknown'
}
