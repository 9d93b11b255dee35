// The Dumai demo: organisation (Perwako Dumai No. 16/2022), Renstra 2021–2026 and an
// illustrative IKU set. Indicator names are realistic; every number is invented for the demo.
import type { Aspect, PolaUkur, Polarity, Strategy } from '../app/domain/types.js'
import { DUMAI_LAYOUT, type ExampleLayoutUnit } from '../app/services/organisation/dumai-example.js'

export const DEMO_OPD_CODE = 'DKISP-DUMAI'
export const DEMO_YEARS = [2021, 2022, 2023, 2024, 2025, 2026] as const
/** The demo's last reported quarter: 2026 TW III (TW IV is open for entry). */
export const DEMO_LAST = { year: 2026, quarter: 3 } as const
/** All demo accounts share this password (demo only; never in production). */
export const DEMO_PASSWORD = 'DemoDumai#2026'

/** The demo's units: the Dumai layout the organisation template also shows as its example. */
export type DemoUnit = ExampleLayoutUnit

export const DEMO_OPD = {
  code: DEMO_OPD_CODE,
  name: 'Dinas Komunikasi Informatika Statistik dan Persandian Kota Dumai',
  short: 'Diskominfotiksan Kota Dumai',
  city: 'Dumai',
}

export const DEMO_UNITS: DemoUnit[] = DUMAI_LAYOUT

export const DEMO_TUJUAN = [
  {
    code: 'T1',
    name: 'Meningkatkan efektivitas pemerintahan melalui pemanfaatan sistem informasi dan teknologi digital',
    sasaran: [
      { code: 'S1.1', name: 'Meningkatnya kualitas penyelenggaraan Sistem Pemerintahan Berbasis Elektronik (SPBE)' },
      { code: 'S1.2', name: 'Meningkatnya kapasitas aparatur, budaya kerja dan tata kelola kinerja perangkat daerah' },
    ],
  },
  {
    code: 'T2',
    name: 'Mendorong pemerintahan yang bersih dan transparan dengan membangun sistem informasi publik',
    sasaran: [
      { code: 'S2.1', name: 'Meningkatnya keterbukaan informasi publik dan ketersediaan data statistik sektoral' },
      { code: 'S2.2', name: 'Meningkatnya keamanan informasi pemerintah daerah' },
    ],
  },
  {
    code: 'T3',
    name: 'Menjamin partisipasi dan aspirasi masyarakat melalui media komunikasi publik',
    sasaran: [{ code: 'S3.1', name: 'Meningkatnya partisipasi masyarakat dan mitra dalam komunikasi publik' }],
  },
]

export const DEMO_PROGRAMS = [
  { code: '2.16.01', name: 'Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota', sasaran: 'S1.2', unit: 'SEK' },
  { code: '2.16.02', name: 'Program Informasi dan Komunikasi Publik', sasaran: 'S2.1', unit: 'IKP' },
  { code: '2.16.02-K', name: 'Program Informasi dan Komunikasi Publik (Kemitraan)', sasaran: 'S3.1', unit: 'IKP' },
  { code: '2.16.03', name: 'Program Aplikasi Informatika', sasaran: 'S1.1', unit: 'APL' },
  { code: '2.16.03-I', name: 'Program Aplikasi Informatika (Infrastruktur E-Government)', sasaran: 'S1.1', unit: 'INF' },
  { code: '2.20.02', name: 'Program Penyelenggaraan Statistik Sektoral', sasaran: 'S2.1', unit: 'STP' },
  { code: '2.21.02', name: 'Program Penyelenggaraan Persandian untuk Pengamanan Informasi', sasaran: 'S2.2', unit: 'STP' },
]

export interface DemoIndicator {
  code: string
  name: string
  satuan: string
  polarity: Polarity
  pola: PolaUkur
  unit: string // DEMO_UNITS code
  aspect: Aspect
  strategy: Strategy
  program: string
  baseline: number
  /** Annual targets 2021..2026. */
  targets: number[]
  /** Realisation as a share of the target, per year 2021..2026 (1 = on target). */
  factors: number[]
  /** Decimals of the realised values. */
  decimals: number
  min?: number
  max?: number
  evidence: string
}

const naik = 'naik' as const
const turun = 'turun' as const

export const DEMO_INDICATORS: DemoIndicator[] = [
  {
    code: 'IKP-01',
    name: 'Persentase informasi publik yang dipublikasikan tepat waktu',
    satuan: 'persen',
    polarity: naik,
    pola: 'rata_rata',
    unit: 'IKP',
    aspect: 'pengelolaan',
    strategy: 'inti',
    program: '2.16.02',
    baseline: 70,
    targets: [75, 80, 85, 88, 90, 92],
    factors: [0.95, 0.97, 0.98, 1.0, 1.02, 1.0],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Rekap jadwal publikasi dan tautan unggahan di dumaikota.go.id',
  },
  {
    code: 'IKP-02',
    name: 'Jumlah konten informasi publik di kanal resmi',
    satuan: 'konten',
    polarity: naik,
    pola: 'kumulatif',
    unit: 'IKP',
    aspect: 'layanan',
    strategy: 'pelanggan',
    program: '2.16.02',
    baseline: 400,
    targets: [450, 500, 550, 600, 650, 700],
    factors: [0.96, 1.0, 1.04, 1.05, 1.08, 1.0],
    decimals: 0,
    min: 0,
    evidence: 'Daftar konten situs web dan Instagram @kominfo.dumai',
  },
  {
    code: 'IKP-03',
    name: 'Rata-rata hari penyelesaian permohonan informasi PPID',
    satuan: 'hari',
    polarity: turun,
    pola: 'rata_rata',
    unit: 'IKP',
    aspect: 'layanan',
    strategy: 'pelanggan',
    program: '2.16.02',
    baseline: 9,
    targets: [8, 7.5, 7, 6.5, 6, 5.5],
    factors: [0.9, 0.94, 0.96, 0.98, 1.0, 1.0],
    decimals: 2,
    min: 0,
    evidence: 'Register permohonan informasi PPID Kota Dumai',
  },
  {
    code: 'IKP-04',
    name: 'Indeks Kepuasan Masyarakat layanan informasi',
    satuan: 'indeks',
    polarity: naik,
    pola: 'rilis',
    unit: 'IKP',
    aspect: 'layanan',
    strategy: 'konsekuensi',
    program: '2.16.02',
    baseline: 76,
    targets: [77, 78, 79, 80, 81, 82],
    factors: [0.99, 1.0, 1.01, 1.01, 1.02, 1.0],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Laporan Survei Kepuasan Masyarakat (SKM) tahunan',
  },
  {
    code: 'IKP-05',
    name: 'Jumlah kemitraan aktif dengan media/lembaga pendidikan/ormas',
    satuan: 'mitra',
    polarity: naik,
    pola: 'posisi',
    unit: 'IKP',
    aspect: 'kemitraan',
    strategy: 'inti',
    program: '2.16.02-K',
    baseline: 8,
    targets: [10, 12, 14, 16, 18, 20],
    factors: [0.9, 1.0, 1.0, 1.0, 1.0, 0.95],
    decimals: 0,
    min: 0,
    evidence: 'Naskah perjanjian kerja sama dan daftar mitra aktif',
  },
  {
    code: 'IKP-06',
    name: 'Persentase kegiatan kemitraan yang ditindaklanjuti',
    satuan: 'persen',
    polarity: naik,
    pola: 'rata_rata',
    unit: 'IKP',
    aspect: 'kemitraan',
    strategy: 'budaya',
    program: '2.16.02-K',
    baseline: 40,
    targets: [50, 55, 60, 65, 70, 75],
    factors: [0.74, 0.73, 0.72, 0.7, 0.68, 0.69],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Notulen pertemuan mitra dan laporan tindak lanjut',
  },
  {
    code: 'IKP-07',
    name: 'Persentase permohonan data dan informasi yang dipenuhi sesuai kebutuhan pemohon',
    satuan: 'persen',
    polarity: naik,
    pola: 'rata_rata',
    unit: 'IKP',
    aspect: 'pengelolaan',
    strategy: 'pelanggan',
    program: '2.16.02',
    baseline: 80,
    targets: [85, 87, 89, 91, 93, 95],
    factors: [0.96, 0.97, 0.98, 0.99, 1.0, 1.0],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Register PPID dan formulir permohonan data',
  },
  {
    code: 'IKP-08',
    name: 'Jumlah sosialisasi dan diskusi publik bersama mitra',
    satuan: 'kegiatan',
    polarity: naik,
    pola: 'kumulatif',
    unit: 'IKP',
    aspect: 'kemitraan',
    strategy: 'pelanggan',
    program: '2.16.02-K',
    baseline: 6,
    targets: [8, 10, 12, 12, 14, 16],
    factors: [0.875, 0.9, 1.0, 1.0, 1.0, 1.0],
    decimals: 0,
    min: 0,
    evidence: 'Undangan, daftar hadir dan dokumentasi kegiatan',
  },
  {
    code: 'INF-01',
    name: 'Persentase ketersediaan (uptime) layanan website',
    satuan: 'persen',
    polarity: naik,
    pola: 'rata_rata',
    unit: 'INF',
    aspect: 'layanan',
    strategy: 'konsekuensi',
    program: '2.16.03-I',
    baseline: 97,
    targets: [98, 98.5, 99, 99, 99.5, 99.5],
    factors: [0.99, 0.995, 1.0, 1.0, 1.0, 1.0],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Laporan pemantauan uptime server dan log insiden',
  },
  {
    code: 'INF-02',
    name: 'Jam gangguan layanan website per triwulan',
    satuan: 'jam',
    polarity: turun,
    pola: 'kumulatif',
    unit: 'INF',
    aspect: 'pengelolaan',
    strategy: 'konsekuensi',
    program: '2.16.03-I',
    baseline: 60,
    targets: [48, 40, 36, 32, 28, 24],
    factors: [0.9, 0.95, 1.0, 1.0, 1.0, 1.0],
    decimals: 1,
    min: 0,
    evidence: 'Log insiden dan berita acara pemulihan layanan',
  },
  {
    code: 'INF-03',
    name: 'Persentase OPD terhubung jaringan intranet',
    satuan: 'persen',
    polarity: naik,
    pola: 'posisi',
    unit: 'INF',
    aspect: 'pengelolaan',
    strategy: 'inti',
    program: '2.16.03-I',
    baseline: 40,
    targets: [50, 60, 70, 80, 90, 100],
    factors: [1.0, 1.0, 1.0, 1.0, 1.0, 0.95],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Peta jaringan intranet dan berita acara instalasi',
  },
  {
    code: 'APL-01',
    name: 'Indeks SPBE (skala 0–5)',
    satuan: 'indeks',
    polarity: naik,
    pola: 'rilis',
    unit: 'APL',
    aspect: 'pengelolaan',
    strategy: 'pengawasan',
    program: '2.16.03',
    baseline: 2.1,
    targets: [2.4, 2.6, 2.8, 3.0, 3.2, 3.5],
    factors: [0.875, 0.88, 0.85, 0.85, 0.8625, 1.0],
    decimals: 2,
    min: 0,
    max: 5,
    evidence: 'Keputusan Menteri PANRB tentang hasil evaluasi SPBE',
  },
  {
    code: 'APL-02',
    name: 'Jumlah layanan publik berbasis aplikasi',
    satuan: 'layanan',
    polarity: naik,
    pola: 'posisi',
    unit: 'APL',
    aspect: 'layanan',
    strategy: 'pelanggan',
    program: '2.16.03',
    baseline: 10,
    targets: [12, 15, 18, 21, 24, 27],
    factors: [1.0, 1.0, 1.0, 1.0, 1.0, 0.9],
    decimals: 0,
    min: 0,
    evidence: 'Katalog aplikasi layanan publik Kota Dumai',
  },
  {
    code: 'APL-03',
    name: 'Persentase aduan SP4N-LAPOR yang ditindaklanjuti',
    satuan: 'persen',
    polarity: naik,
    pola: 'rata_rata',
    unit: 'APL',
    aspect: 'layanan',
    strategy: 'pengawasan',
    program: '2.16.03',
    baseline: 75,
    targets: [80, 83, 86, 89, 92, 95],
    factors: [0.95, 0.96, 0.97, 0.98, 0.98, 0.97],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Rekap aduan dari dasbor SP4N-LAPOR',
  },
  {
    code: 'APL-04',
    name: 'Persentase jenis layanan informasi publik yang tersedia daring',
    satuan: 'persen',
    polarity: naik,
    pola: 'posisi',
    unit: 'APL',
    aspect: 'layanan',
    strategy: 'inti',
    program: '2.16.03',
    baseline: 45,
    targets: [50, 58, 65, 72, 80, 88],
    factors: [1.0, 1.0, 1.0, 1.0, 1.0, 0.95],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Daftar layanan daring di portal layanan publik',
  },
  {
    code: 'STP-01',
    name: 'Persentase data statistik sektoral yang dipublikasikan',
    satuan: 'persen',
    polarity: naik,
    pola: 'posisi',
    unit: 'STP',
    aspect: 'pengelolaan',
    strategy: 'pengawasan',
    program: '2.20.02',
    baseline: 50,
    targets: [55, 62, 70, 78, 85, 90],
    factors: [0.85, 0.85, 0.86, 0.87, 0.88, 0.88],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Portal Satu Data Dumai dan buku Dumai Dalam Angka',
  },
  {
    code: 'STP-02',
    name: 'Indeks Keamanan Informasi (KAMI)',
    satuan: 'indeks',
    polarity: naik,
    pola: 'rilis',
    unit: 'STP',
    aspect: 'pengelolaan',
    strategy: 'pengawasan',
    program: '2.21.02',
    baseline: 310,
    targets: [350, 400, 450, 500, 550, 600],
    factors: [0.86, 0.85, 0.87, 0.88, 0.9, 1.0],
    decimals: 0,
    min: 0,
    max: 645,
    evidence: 'Laporan hasil penilaian Indeks KAMI oleh BSSN',
  },
  {
    code: 'IKP-09',
    name: 'Indeks Keterbukaan Informasi Publik (IKIP)',
    satuan: 'indeks',
    polarity: naik,
    pola: 'rilis',
    unit: 'IKP',
    aspect: 'layanan',
    strategy: 'inti',
    program: '2.16.02',
    baseline: 70,
    targets: [72, 74, 76, 78, 80, 82],
    factors: [0.98, 1.0, 1.01, 1.02, 1.03, 1.0],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Laporan IKIP Komisi Informasi Provinsi Riau',
  },
  {
    code: 'SEK-01',
    name: 'Persentase pegawai yang mengikuti pelatihan kompetensi TIK',
    satuan: 'persen',
    polarity: naik,
    pola: 'posisi',
    unit: 'SEK',
    aspect: 'pengelolaan',
    strategy: 'budaya',
    program: '2.16.01',
    baseline: 15,
    targets: [25, 35, 45, 55, 65, 75],
    factors: [0.72, 0.71, 0.69, 0.66, 0.62, 0.64],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Daftar peserta dan sertifikat pelatihan TIK',
  },
  {
    code: 'SEK-02',
    name: 'Jumlah inovasi layanan yang diterapkan',
    satuan: 'inovasi',
    polarity: naik,
    pola: 'kumulatif',
    unit: 'SEK',
    aspect: 'layanan',
    strategy: 'budaya',
    program: '2.16.01',
    baseline: 1,
    targets: [2, 3, 4, 5, 6, 6],
    factors: [0.5, 0.67, 0.75, 0.6, 0.67, 0.5],
    decimals: 0,
    min: 0,
    evidence: 'SK penetapan inovasi dan laporan penerapan',
  },
  {
    code: 'SEK-03',
    name: 'Persentase rekomendasi rapat evaluasi yang ditindaklanjuti',
    satuan: 'persen',
    polarity: naik,
    pola: 'rata_rata',
    unit: 'SEK',
    aspect: 'kemitraan',
    strategy: 'konsekuensi',
    program: '2.16.01',
    baseline: 60,
    targets: [65, 70, 75, 80, 85, 90],
    factors: [0.95, 0.96, 0.97, 0.98, 1.0, 0.98],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Notulen rapat evaluasi dan matriks tindak lanjut',
  },
  {
    code: 'SEK-04',
    name: 'Persentase laporan kinerja triwulan diverifikasi tepat waktu',
    satuan: 'persen',
    polarity: naik,
    pola: 'rata_rata',
    unit: 'SEK',
    aspect: 'kemitraan',
    strategy: 'pengawasan',
    program: '2.16.01',
    baseline: 70,
    targets: [75, 80, 85, 90, 95, 100],
    factors: [0.9, 0.9, 0.88, 0.88, 0.9, 0.9],
    decimals: 2,
    min: 0,
    max: 100,
    evidence: 'Berita acara verifikasi laporan kinerja triwulan',
  },
]

/** Obstacles and follow-ups in the words of the founding study (for weak quarters). */
export const DEMO_KENDALA: Record<string, { kendala: string; tindakLanjut: string }> = {
  'SEK-01': {
    kendala: 'Jumlah pegawai yang berkompetensi di bidang TI masih terbatas dan pelatihan belum terstruktur.',
    tindakLanjut: 'Menyusun rencana pelatihan TIK berjenjang dan mengusulkan kuota diklat ke BKPSDM.',
  },
  'SEK-02': {
    kendala: 'Inovasi masih bergantung pada inisiatif perorangan; belum ada ruang dan insentif untuk berinovasi.',
    tindakLanjut: 'Membentuk tim inovasi dinas dan menjadwalkan lomba inovasi layanan setiap semester.',
  },
  'IKP-06': {
    kendala: 'Kemitraan dengan media dan lembaga pendidikan masih bersifat seremonial; komunikasi cenderung satu arah.',
    tindakLanjut: 'Menetapkan rencana aksi bersama mitra dan memantau tindak lanjutnya setiap triwulan.',
  },
}

// `unit` null = placed in the OPD itself; `cityLevel` = no unit at all (every OPD). The demo's admin is
// the city's system administrator: only a city-level admin changes the city-wide settings (ADR 0010).
export const DEMO_USERS = [
  { username: 'admin', fullName: 'Administrator Sistem', role: 'admin' as const, unit: null as string | null, cityLevel: true },
  { username: 'bappeda', fullName: 'Bappeda Kota Dumai', role: 'pimpinan' as const, unit: null as string | null, cityLevel: true },
  { username: 'perencanaan', fullName: 'Subbagian Perencanaan', role: 'perencanaan' as const, unit: 'SEK' },
  { username: 'kadis', fullName: 'Kepala Dinas', role: 'pimpinan' as const, unit: null },
  { username: 'auditor', fullName: 'Auditor Inspektorat', role: 'auditor' as const, unit: null },
  { username: 'sekretaris', fullName: 'Sekretaris Dinas', role: 'kepala_bidang' as const, unit: 'SEK' },
  { username: 'kabid.ikp', fullName: 'Kepala Bidang IKP', role: 'kepala_bidang' as const, unit: 'IKP' },
  { username: 'kabid.infra', fullName: 'Kepala Bidang Infrastruktur E-Government', role: 'kepala_bidang' as const, unit: 'INF' },
  { username: 'kabid.aplikasi', fullName: 'Kepala Bidang Aplikasi E-Government', role: 'kepala_bidang' as const, unit: 'APL' },
  { username: 'kabid.statistik', fullName: 'Kepala Bidang Statistik dan Persandian', role: 'kepala_bidang' as const, unit: 'STP' },
]

/** Meeting judgements recorded at the 2025 year-end evaluation (wording after the founding study). */
export const DEMO_NOTES = [
  {
    aspect: 'pengelolaan' as const,
    strategy: 'budaya' as const,
    judgement: 'kurang' as const,
    kendala: 'Pegawai berkompetensi TI terbatas; pelatihan belum terstruktur.',
    rekomendasi: 'Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai.',
  },
  {
    aspect: 'layanan' as const,
    strategy: 'budaya' as const,
    judgement: 'kurang' as const,
    kendala: 'Inovasi layanan sedikit dan belum didukung insentif.',
    rekomendasi: 'Bentuk tim inovasi dan beri penghargaan atas inovasi yang diterapkan.',
  },
  {
    aspect: 'kemitraan' as const,
    strategy: 'budaya' as const,
    judgement: 'kurang' as const,
    kendala: 'Kemitraan masih seremonial dan komunikasi satu arah.',
    rekomendasi: 'Rencana aksi bersama mitra dengan tindak lanjut yang dipantau.',
  },
  {
    aspect: 'pengelolaan' as const,
    strategy: 'inti' as const,
    judgement: 'baik' as const,
    kendala: 'Sebagian OPD belum terhubung intranet.',
    rekomendasi: 'Selesaikan perluasan jaringan intranet ke seluruh OPD.',
  },
]

/** Demo rencana aksi from the 2025 year-end meeting's budaya rekomendasi (invented; "Data demo" in their notes). */
export const DEMO_ACTIONS: {
  aspect: 'pengelolaan' | 'layanan' | 'kemitraan'
  strategy: 'budaya'
  title: string
  owner: string
  due: string
  status: 'direncanakan' | 'berjalan' | 'selesai'
  progress: { status: 'berjalan' | 'selesai'; note: string; evidence: string | null; at: string }[]
}[] = [
  {
    aspect: 'pengelolaan',
    strategy: 'budaya',
    title: 'Program pelatihan TIK rutin dan berjenjang bagi seluruh pegawai',
    owner: 'sekretaris',
    due: '2026-06-30',
    status: 'selesai',
    progress: [
      { status: 'berjalan', note: 'Data demo: kurikulum tiga jenjang disusun bersama BKPSDM.', evidence: null, at: '2026-03-16 03:00:00.000' },
      {
        status: 'selesai',
        note: 'Data demo: angkatan pertama (40 pegawai) selesai dilatih.',
        evidence: 'Data demo: daftar hadir dan sertifikat pelatihan angkatan I',
        at: '2026-06-24 03:00:00.000',
      },
    ],
  },
  {
    aspect: 'kemitraan',
    strategy: 'budaya',
    title: 'Rencana aksi bersama mitra dengan tindak lanjut yang dipantau',
    owner: 'kabid.ikp',
    due: '2026-11-30',
    status: 'berjalan',
    progress: [{ status: 'berjalan', note: 'Data demo: dua dari lima mitra media sudah menandatangani kalender kegiatan.', evidence: null, at: '2026-08-12 03:00:00.000' }],
  },
  {
    aspect: 'layanan',
    strategy: 'budaya',
    title: 'Bentuk tim inovasi dan beri penghargaan atas inovasi yang diterapkan',
    owner: 'sekretaris',
    due: '2027-03-31',
    status: 'direncanakan',
    progress: [],
  },
]

/**
 * Demo budget (invented, labelled "(contoh)" in the names): under each programme one kegiatan with
 * a Permendagri 90/2019 nomenclature code, and under two of them one sub kegiatan. A programme's
 * single kegiatan (and that kegiatan's single sub kegiatan) carries the programme's whole budget,
 * so pagu and realisasi are the same on every level of one branch.
 */
export const DEMO_KEGIATAN: { program: string; code: string; name: string; sub?: { code: string; name: string } }[] = [
  {
    program: '2.16.01',
    code: '2.16.01.2.01',
    name: 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah (contoh)',
    sub: { code: '2.16.01.2.01.0001', name: 'Penyusunan Dokumen Perencanaan Perangkat Daerah (contoh)' },
  },
  {
    program: '2.16.02',
    code: '2.16.02.2.01',
    name: 'Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota (contoh)',
    sub: { code: '2.16.02.2.01.0001', name: 'Pengelolaan Konten dan Perencanaan Media Komunikasi Publik (contoh)' },
  },
  { program: '2.16.02-K', code: '2.16.02.2.02', name: 'Pengelolaan Kemitraan Komunikasi Publik dengan Media dan Masyarakat (contoh)' },
  { program: '2.16.03', code: '2.16.03.2.02', name: 'Pengelolaan E-Government di Lingkup Pemerintah Daerah Kabupaten/Kota (contoh)' },
  { program: '2.16.03-I', code: '2.16.03.2.01', name: 'Pengelolaan Nama Domain dan Infrastruktur Jaringan Pemerintah Daerah (contoh)' },
  { program: '2.20.02', code: '2.20.02.2.01', name: 'Penyelenggaraan Statistik Sektoral di Lingkup Daerah Kabupaten/Kota (contoh)' },
  { program: '2.21.02', code: '2.21.02.2.01', name: 'Penyelenggaraan Persandian untuk Pengamanan Informasi Pemerintah Daerah Kabupaten/Kota (contoh)' },
]

/** Pagu 2021 of each programme in rupiah (invented); it grows by 10 % of that a year (2026 = 1,5 ×). */
export const DEMO_PAGU_2021: Record<string, number> = {
  '2.16.01': 1_200_000_000,
  '2.16.02': 800_000_000,
  '2.16.02-K': 200_000_000,
  '2.16.03': 1_000_000_000,
  '2.16.03-I': 1_400_000_000,
  '2.20.02': 300_000_000,
  '2.21.02': 100_000_000,
}

/** Realisasi anggaran of each quarter as a share of the year's pagu (95 % absorbed by TW IV). */
export const DEMO_ANGGARAN_SHARES = [0.15, 0.25, 0.25, 0.3] as const

/** The demo pagu of a programme in a year: 2021 pagu × (1 + 0.1 × (year − 2021)). */
export const demoPagu = (program: string, year: number) => Math.round(DEMO_PAGU_2021[program]! * (1 + 0.1 * (year - 2021)))

/** The demo realisasi anggaran of a programme in one quarter (whole rupiah). */
export const demoAnggaran = (program: string, year: number, quarter: number) => Math.round(demoPagu(program, year) * DEMO_ANGGARAN_SHARES[quarter - 1]!)

/** The demo's budget is entered up to 2026 TW II; TW III is open for the bidang to enter beside its realisations. */
export const DEMO_ANGGARAN_LAST = { year: 2026, quarter: 2 } as const
