// Repeated timing with percentiles (wall clock; report ratios measured in one run).
export async function timeIt(fn: () => Promise<unknown> | unknown, runs: number): Promise<{ p50: number; p99: number; min: number }> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!
  return { p50: at(0.5), p99: at(0.99), min: times[0]! }
}
