// DATABASE_URL with several hosts (a Galera cluster): the host list is read in order, each host
// gets an ordinary single-host URL for mysql2 with the same account, database and options, and the
// startup line names every host.
import { describe, expect, it } from 'vitest'
import { describeUrl, parseMysqlUrl } from '../../db/db.server.js'

describe('a MySQL URL with several hosts', () => {
  it('three hosts, in the order given, each with the account, database and options', () => {
    const p = parseMysqlUrl('mysql://app:s%40ndi@db1:3306,db2:3307,10.0.0.3:3308/sakip?ssl=false')
    expect(p.hosts).toEqual([
      { host: 'db1', port: 3306 },
      { host: 'db2', port: 3307 },
      { host: '10.0.0.3', port: 3308 },
    ])
    expect(p.database).toBe('sakip')
    expect(p.uris).toEqual(['mysql://app:s%40ndi@db1:3306/sakip?ssl=false', 'mysql://app:s%40ndi@db2:3307/sakip?ssl=false', 'mysql://app:s%40ndi@10.0.0.3:3308/sakip?ssl=false'])
    // each one is a URL mysql2 (and WHATWG URL) reads back
    expect(new URL(p.uris[1]!).password).toBe('s%40ndi')
  })

  it('one host stays one; a missing port is 3306; IPv6 in brackets', () => {
    expect(parseMysqlUrl('mysql://u:p@localhost/db')).toEqual({ hosts: [{ host: 'localhost', port: 3306 }], database: 'db', uris: ['mysql://u:p@localhost:3306/db'] })
    expect(parseMysqlUrl('mysql://u@[::1]:3310,h2/db').hosts).toEqual([
      { host: '::1', port: 3310 },
      { host: 'h2', port: 3306 },
    ])
    expect(parseMysqlUrl('mysql://u@[::1]:3310,h2/db').uris[0]).toBe('mysql://u@[::1]:3310/db')
  })

  it('describeUrl prints every host (never the password)', () => {
    expect(describeUrl('mysql://app:rahasia@h1:3306,h2:3307,h3:3308/sakip')).toEqual({ dialect: 'mysql', target: 'h1:3306,h2:3307,h3:3308/sakip' })
    expect(describeUrl('mysql://app:rahasia@h1/sakip')).toEqual({ dialect: 'mysql', target: 'h1:3306/sakip' })
    expect(JSON.stringify(describeUrl('mysql://app:rahasia@h1:1,h2:2/x'))).not.toContain('rahasia')
  })

  it('a host list that cannot be read is refused with an Indonesian message', () => {
    expect(() => parseMysqlUrl('mysql://u:p@h1:3306,,h2/db')).toThrow(/host "" tidak dapat dibaca/)
    expect(() => parseMysqlUrl('mysql://u:p@h1:abc/db')).toThrow(/tidak dapat dibaca/)
  })
})
