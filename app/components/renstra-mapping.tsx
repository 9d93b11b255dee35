// The column-mapping step of the Renstra import from T-C.27 / T-C.28 / SIPD-RI: one select per
// field, proposed from the column titles (or remembered from the last import of this OPD and
// source); perencanaan corrects it and checks again. Rendered inside the upload form.
import type { MappingView } from '../services/excel/renstra-sources/import-source.server'

export function RenstraMappingFields({ mapping }: { mapping: MappingView }) {
  return (
    <fieldset className="stack" aria-describedby="pemetaan-bantuan">
      <legend>Pemetaan kolom — {mapping.sourceLabel}</legend>
      <p id="pemetaan-bantuan" className="muted">
        Baris judul kolom: baris {mapping.headerRow}.{' '}
        {mapping.remembered ? 'Pemetaan diambil dari impor terakhir perangkat daerah ini untuk jenis berkas yang sama; ' : 'Pemetaan diusulkan dari judul kolom; '}
        periksa, ubah bila perlu, lalu klik “Periksa berkas” lagi. Isian bertanda * wajib. Tahun ke-1 adalah tahun awal Renstra (atau tahun_awal pada berkas SIPD).
      </p>
      <input type="hidden" name="sumber" value={mapping.source} />
      <div className="excel-mapping">
        {mapping.fields.map((f) => (
          <div key={f.key}>
            <label htmlFor={`kolom_${f.key}`}>
              {f.label}
              {f.required ? ' *' : ''}
            </label>
            <select id={`kolom_${f.key}`} name={`kolom_${f.key}`} defaultValue={f.column ?? ''}>
              <option value="">— tidak dipakai —</option>
              {mapping.columns.map((c) => (
                <option key={c.letter} value={c.title}>
                  {c.letter}: {c.title}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div>
          <label htmlFor="unit_bawaan">Unit penanggung jawab bila berkas tidak memuat kolom unit</label>
          <select id="unit_bawaan" name="unit_bawaan" defaultValue={mapping.defaultUnit ?? ''}>
            {mapping.units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.code} — {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  )
}
