// Colours of the charts. The predikat colours are the ones of app/styles/app.css (--p-<key>):
// SVG fill attributes cannot read CSS variables reliably, so they are repeated here. Colour is
// never the only signal: every chart labels its values and predikat in text, and lines differ in
// dash pattern and marker shape too.
import type { Strategy } from '../domain/types'

export const PREDIKAT_FILL: Record<string, string> = {
  sangat_tinggi: '#1b7f3b',
  tinggi: '#6aa84f',
  sedang: '#f2c230',
  rendah: '#e8833a',
  sangat_rendah: '#c0392b',
  none: '#c9ced6',
}

export const predikatFill = (key: string) => PREDIKAT_FILL[key] ?? '#8a94a6'

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross'

/** Okabe–Ito colours (safe for colour-blind readers), plus a dash pattern and a marker each. */
export const STRATEGY_STYLE: Record<Strategy, { color: string; dash: string; marker: MarkerShape }> = {
  inti: { color: '#0072B2', dash: '', marker: 'circle' },
  konsekuensi: { color: '#E69F00', dash: '10 4', marker: 'square' },
  pelanggan: { color: '#009E73', dash: '3 3', marker: 'triangle' },
  pengawasan: { color: '#CC79A7', dash: '12 4 3 4', marker: 'diamond' },
  budaya: { color: '#D55E00', dash: '6 6', marker: 'cross' },
}

export const AXIS_TEXT = '#333c4a'
export const GRID = '#c9ced6'
