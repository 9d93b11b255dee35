// The submit button of a form that saves: "Menyimpan…" while the save is on its way, and not
// pressable again meanwhile (a second press would send the form twice on a slow line).
import type { ReactNode } from 'react'

export function SaveButton({ busy, disabled = false, children }: { busy: boolean; disabled?: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="btn" disabled={busy || disabled}>
      {busy ? 'Menyimpan…' : children}
    </button>
  )
}
