/** Opens the browser's print dialog (A4 landscape styles apply). Without JavaScript, use the browser's own print command. */
export function PrintButton({ label = 'Cetak' }: { label?: string }) {
  return (
    <button type="button" className="btn btn-secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  )
}
