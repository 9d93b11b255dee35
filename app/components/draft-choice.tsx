// The two buttons under a draft kept on this device that differs from the server: take it or drop it.

export function DraftChoice({ onAdopt, onDiscard, adoptHint }: { onAdopt: () => void; onDiscard: () => void; adoptHint?: string }) {
  return (
    <div className="toolbar">
      <button type="button" className="btn btn-secondary" onClick={onAdopt}>
        Pakai draf ini{adoptHint ? <span className="sr-only">{adoptHint}</span> : null}
      </button>
      <button type="button" className="btn btn-secondary" onClick={onDiscard}>
        Buang draf
      </button>
    </div>
  )
}
