// The example the organisation-and-users template comes filled with: the layout of Diskominfotiksan
// Kota Dumai (Perwako Dumai No. 16/2022) and its OPD-level accounts. Data only. The demo seed builds
// its organisation from the same layout (seeds/ may import app/; app/ never imports seeds/).

export interface ExampleLayoutUnit {
  code: string
  kind: 'sekretariat' | 'bidang' | 'upt'
  name: string
  short: string
  children: string[]
}

export const DUMAI_LAYOUT: ExampleLayoutUnit[] = [
  {
    code: 'SEK',
    kind: 'sekretariat',
    name: 'Sekretariat',
    short: 'Sekretariat',
    children: ['Subbagian Tata Usaha', 'Subbagian Perencanaan', 'Subbagian Keuangan dan Aset'],
  },
  {
    code: 'IKP',
    kind: 'bidang',
    name: 'Bidang Informasi dan Komunikasi Publik',
    short: 'Bidang IKP',
    children: ['Seksi Pengelolaan IKP', 'Seksi Layanan IKP', 'Seksi Kemitraan IKP'],
  },
  {
    code: 'INF',
    kind: 'bidang',
    name: 'Bidang Layanan Infrastruktur E-Government',
    short: 'Bidang Infrastruktur',
    children: ['Seksi Infrastruktur dan Teknologi', 'Seksi Pengelolaan Data Informasi dan Interoperabilitas', 'Seksi Interkoneksi dan Jaringan TIK'],
  },
  {
    code: 'APL',
    kind: 'bidang',
    name: 'Bidang Layanan Aplikasi E-Government',
    short: 'Bidang Aplikasi',
    children: ['Seksi Pengembangan dan Pengelolaan Aplikasi E-Government', 'Seksi Penyelenggaraan Ekosistem TIK', 'Seksi Tata Kelola E-Government'],
  },
  {
    code: 'STP',
    kind: 'bidang',
    name: 'Bidang Statistik dan Persandian',
    short: 'Bidang Statistik & Persandian',
    children: [
      'Seksi Pendataan, Pengolahan dan Analisis Data Statistik Sektoral',
      'Seksi Penyajian Data dan Informasi Statistik Sektoral',
      'Seksi Persandian dan Pengamanan Sistem Informasi',
    ],
  },
  { code: 'UPT', kind: 'upt', name: 'UPT Pengelolaan Layanan Digital', short: 'UPT', children: [] },
]

/** The OPD's own accounts in the example (no city-level account, no admin): kepala bidang in their unit, the rest in the OPD. */
export const DUMAI_EXAMPLE_USERS = [
  { username: 'perencanaan', fullName: 'Subbagian Perencanaan', role: 'perencanaan', unitCode: null },
  { username: 'kadis', fullName: 'Kepala Dinas', role: 'pimpinan', unitCode: null },
  { username: 'auditor', fullName: 'Auditor Inspektorat', role: 'auditor', unitCode: null },
  { username: 'sekretaris', fullName: 'Sekretaris Dinas', role: 'kepala_bidang', unitCode: 'SEK' },
  { username: 'kabid.ikp', fullName: 'Kepala Bidang IKP', role: 'kepala_bidang', unitCode: 'IKP' },
  { username: 'kabid.infra', fullName: 'Kepala Bidang Infrastruktur E-Government', role: 'kepala_bidang', unitCode: 'INF' },
  { username: 'kabid.aplikasi', fullName: 'Kepala Bidang Aplikasi E-Government', role: 'kepala_bidang', unitCode: 'APL' },
  { username: 'kabid.statistik', fullName: 'Kepala Bidang Statistik dan Persandian', role: 'kepala_bidang', unitCode: 'STP' },
] as const
