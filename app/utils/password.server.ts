// Password hashing: scrypt N=2^17, r=8, p=1, 16-byte salt, 32-byte key.
// Stored as `scrypt$N$r$p$saltBase64$hashBase64` so parameters can be raised later.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const N = 2 ** 17
const R = 8
const P = 1
const KEYLEN = 32

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))))
}

const maxmem = (n: number, r: number) => 128 * n * r * 2

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P, maxmem: maxmem(N, R) })
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`
}

export function parsePasswordHash(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null
  return { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') }
}

let verifications = 0
/** How many passwords this process has checked (the login limit's tests count evaluated guesses with it). */
export const passwordVerifications = (): number => verifications

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored)
  if (!parsed) return false
  verifications++
  const key = await scrypt(password.normalize('NFKC'), parsed.salt, parsed.hash.length, {
    N: parsed.N,
    r: parsed.r,
    p: parsed.p,
    maxmem: maxmem(parsed.N, parsed.r),
  })
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash)
}

/** A hash to compare against when the user does not exist, so both paths cost the same. */
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'))
  return dummyHash
}

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty123',
  'qwertyuiop',
  '11111111',
  '00000000',
  'abcd1234',
  'iloveyou',
  'admin123',
  'administrator',
  'passw0rd',
  'sayang123',
  'bismillah',
  'indonesia',
  'dumai123',
  'rahasia123',
  'rahasia',
  'welcome1',
  'letmein1',
  'kominfo123',
])

/** Indonesian messages; empty when acceptable. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = []
  if (password.length < 8) problems.push('Kata sandi minimal 8 karakter.')
  if (password.length > 128) problems.push('Kata sandi maksimal 128 karakter.')
  const lower = password.toLowerCase()
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) problems.push('Kata sandi terlalu umum; pilih yang lebih sulit ditebak.')
  if (username && lower === username.toLowerCase()) problems.push('Kata sandi tidak boleh sama dengan nama pengguna.')
  return problems
}
