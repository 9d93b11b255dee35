// A TCP proxy on loopback in front of the test MariaDB, to play the outages a real network has:
// the server unreachable (`down`), and connections that died without the client noticing (`poison`:
// the next thing a client sends on an existing connection is answered with a reset).
import net from 'node:net'

export interface TcpProxy {
  port: number
  /** Refuse new connections and cut every open one. */
  down: () => Promise<void>
  /** Accept connections again. */
  up: () => Promise<void>
  /** Every connection open now answers its next request with a reset (a silently dead connection). */
  poison: () => void
  /** How many connections were reset by `poison`. */
  resets: () => number
  close: () => Promise<void>
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; poisoned: boolean }>()
  let resetCount = 0
  let server: net.Server | null = null
  let port = 0

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(targetPort, targetHost)
        const pair = { client, upstream, poisoned: false }
        pairs.add(pair)
        const drop = () => {
          pairs.delete(pair)
          client.destroy()
          upstream.destroy()
        }
        client.on('data', (chunk: Buffer) => {
          if (pair.poisoned) {
            resetCount++
            pairs.delete(pair)
            upstream.destroy()
            client.resetAndDestroy()
            return
          }
          upstream.write(chunk)
        })
        upstream.on('data', (chunk: Buffer) => client.write(chunk))
        client.on('error', drop)
        upstream.on('error', drop)
        client.on('close', drop)
        upstream.on('close', drop)
      })
      s.on('error', reject)
      s.listen(port, '127.0.0.1', () => {
        const a = s.address()
        port = typeof a === 'object' && a ? a.port : port
        server = s
        resolve()
      })
    })

  const down = async () => {
    const s = server
    server = null
    for (const p of [...pairs]) {
      pairs.delete(p)
      p.client.destroy()
      p.upstream.destroy()
    }
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  await listen()
  return {
    port,
    down,
    up: async () => {
      if (!server) await listen()
    },
    poison: () => {
      for (const p of pairs) p.poisoned = true
    },
    resets: () => resetCount,
    close: down,
  }
}

/** TEST_MYSQL_URL with its host and port replaced by the proxy's (and the database name given). */
export function throughProxy(url: string, proxyPort: number): string {
  const u = new URL(url)
  u.hostname = '127.0.0.1'
  u.port = String(proxyPort)
  return u.toString()
}
