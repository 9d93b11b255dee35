// The indicator page's head cards: what the indicator is (definition, Renstra place, baseline) and
// its capaian for the period and for the Renstra to date.
import type { IndicatorPageView } from '../../../presenters/indicator.server'
import { PredikatBadge } from '../banners'

/** Keterangan indikator and Capaian, side by side. */
export function IndicatorSummary({ v }: { v: IndicatorPageView }) {
  return (
    <div className="grid grid-2">
      <IndicatorInfo v={v} />
      <IndicatorCapaian v={v} />
    </div>
  )
}

/** What the indicator is: how it is measured, where it sits in the Renstra, its baseline and target. */
function IndicatorInfo({ v }: { v: IndicatorPageView }) {
  const i = v.indicator
  return (
    <section className="card" aria-labelledby="h-info">
      <h2 id="h-info">Keterangan indikator</h2>
      <dl className="meta">
        <dt>Satuan</dt>
        <dd>{i.satuan}</dd>
        <dt>Polaritas</dt>
        <dd>{i.polarity}</dd>
        <dt>Pola ukur</dt>
        <dd>{i.polaUkur}</dd>
        <dt>Aspek</dt>
        <dd>{i.aspectLabel}</dd>
        <dt>Strategi</dt>
        <dd>{i.strategyLabel}</dd>
        <dt>Penanggung jawab</dt>
        <dd>{i.unitName}</dd>
        <dt>Bobot</dt>
        <dd>{i.weight}</dd>
        <dt>Periode Renstra</dt>
        <dd>{i.periodName}</dd>
        {i.sasaran ? (
          <>
            <dt>Sasaran</dt>
            <dd>{i.sasaran}</dd>
          </>
        ) : null}
        {i.program ? (
          <>
            <dt>Program</dt>
            <dd>{i.program}</dd>
          </>
        ) : null}
        <dt>Baseline{i.baselineYear ? ` (${i.baselineYear})` : ''}</dt>
        <dd>{i.baselineText}</dd>
        <dt>Target akhir periode</dt>
        <dd>{i.targetAkhirText}</dd>
        <dt>Mode Renstra</dt>
        <dd data-testid="mode-renstra">
          {v.renstra.modeLabel}
          <div className="muted">{v.renstra.modeHint}</div>
        </dd>
        {i.definition ? (
          <>
            <dt>Definisi</dt>
            <dd>{i.definition}</dd>
          </>
        ) : null}
      </dl>
    </section>
  )
}

/** The capaian of the chosen period and of the Renstra to date, with the period's flags. */
function IndicatorCapaian({ v }: { v: IndicatorPageView }) {
  const cur = v.current
  return (
    <section className="card" aria-labelledby="h-capaian">
      <h2 id="h-capaian">Capaian</h2>
      <dl className="meta">
        <dt>{v.periodLabel}</dt>
        <dd data-testid="capaian-periode">
          {cur.capaianText} <PredikatBadge predikatKey={cur.predikatKey} label={cur.predikatLabel} />
        </dd>
        <dt>Target / realisasi</dt>
        <dd>
          {cur.targetText} / {cur.realisasiText}
        </dd>
        <dt>Status</dt>
        <dd>{cur.statusLabel}</dd>
        <dt>Renstra s.d. periode ini</dt>
        <dd data-testid="capaian-renstra">
          {v.renstra.realisasiText} dari target akhir {v.renstra.targetText}: <strong>{v.renstra.capaianText}</strong>{' '}
          <span className="muted">({v.renstra.mode === 'akumulasi' ? 'akumulasi seluruh tahun' : 'nilai tahun terakhir'})</span>
        </dd>
      </dl>
      {cur.flags.length ? (
        <div className="banner banner-warn">
          {cur.flags.map((f, k) => (
            <p key={k}>
              <span aria-hidden="true">⏱</span> {f.kindLabel}: {f.reason}
            </p>
          ))}
        </div>
      ) : null}
    </section>
  )
}
