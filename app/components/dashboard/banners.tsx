export function DemoBanner({ show }: { show: boolean }) {
  if (!show) return null
  return (
    <div className="banner banner-warn" role="note">
      <strong>Data demo.</strong> Nama indikator realistis, tetapi seluruh angka target dan realisasi adalah rekaan untuk demonstrasi (Diskominfotiksan Kota Dumai).
    </div>
  )
}

export function PeriodErrors({ errors, fallbackLabel }: { errors: string[]; fallbackLabel: string }) {
  if (!errors.length) return null
  return (
    <div className="banner banner-error" role="alert">
      <strong>Parameter periode tidak valid.</strong>
      <ul>
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <p>Ditampilkan periode bawaan: {fallbackLabel}.</p>
    </div>
  )
}

/** A predikat as a coloured badge with its label in words. */
export function PredikatBadge({ predikatKey, label }: { predikatKey: string; label: string }) {
  return <span className={`badge p-${predikatKey}`}>{label}</span>
}
