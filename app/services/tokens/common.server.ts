// What the API-token use cases share. Tenancy (ADR 0010): an OPD-bound admin creates and revokes
// only tokens bound to his own OPD; a city-wide token (no OPD) needs a city-level admin.
export type TokenField = 'name' | 'opdId'

export type TokenOutcome<T> = { ok: true; message: string; value: T } | { ok: false; status: number; message: string; fieldErrors: Partial<Record<TokenField, string>> }
