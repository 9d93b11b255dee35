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

/**
 * TRUST_PROXY as documented: unset or `false` → no proxy is trusted (X-Forwarded-* are ignored and
 * stripped); `true` → every hop; a number → that many hops; otherwise a comma-separated list of
 * addresses or subnets (Express's names `loopback`, `linklocal`, `uniquelocal` included).
 */
export type TrustProxy = false | true | number | string[]

export function trustProxySetting(value: string | undefined = process.env.TRUST_PROXY): TrustProxy {
  const v = (value ?? '').trim()
  if (v === '' || /^(false|0|no)$/i.test(v)) return false
  if (/^true$/i.test(v)) return true
  if (/^\d+$/.test(v)) return Number(v)
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** The host this request was addressed to: `X-Forwarded-Host` only when a proxy is trusted. */
export function ownHostOf(header: (name: string) => string | null | undefined, trust: TrustProxy = trustProxySetting()): string | null {
  const forwarded = trust === false ? null : header('x-forwarded-host')?.split(',')[0]?.trim()
  return forwarded || header('host') || null
}
