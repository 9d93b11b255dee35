// What ExcelJS's streaming writer needs before a finished sheet is committed (the city bundle,
// ADR 0036): its cells' style objects shared (shareStyles) and the print options it does not write
// itself (writePrintOptions).
import type ExcelJS from 'exceljs'

/**
 * Gives the cells of a finished sheet one shared style object per distinct style (fonts, borders
 * and fills compared by identity — the style.server.ts constants — alignment by value, read once
 * per alignment object, and number format by value). ExcelJS then turns each distinct object into
 * its style id once (its WeakMap) instead of rendering every cell's font, border and fill to XML
 * to look the id up. Only when nothing will change a cell's style any more: the objects are shared.
 */
export function shareStyles(ws: ExcelJS.Worksheet, sharing: StyleSharing) {
  const idOf = (o: object | undefined) => {
    if (!o) return 0
    let id = sharing.ids.get(o)
    if (id === undefined) sharing.ids.set(o, (id = ++sharing.next))
    return id
  }
  // equal alignments share an id, whichever object holds them (styleBody's are constants)
  const alignmentOf = (a: Partial<ExcelJS.Alignment> | undefined) => {
    if (!a) return 0
    let id = sharing.ids.get(a)
    if (id === undefined) {
      const text = JSON.stringify(a)
      id = sharing.alignments.get(text)
      if (id === undefined) sharing.alignments.set(text, (id = ++sharing.next))
      sharing.ids.set(a, id)
    }
    return id
  }
  // neighbouring cells mostly hold the same parts: the last part seen and its id are kept
  const last = { font: lastOf(idOf), border: lastOf(idOf), fill: lastOf(idOf), protection: lastOf(idOf), alignment: lastOf(alignmentOf) }
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const st = cell.style
      const key = `${last.font(st.font)}|${last.border(st.border)}|${last.fill(st.fill)}|${last.protection(st.protection)}|${last.alignment(st.alignment)}|${st.numFmt ?? ''}`
      const one = sharing.styles.get(key)
      if (one) cell.style = one
      else sharing.styles.set(key, st)
    })
  })
}

/** `idOf` that answers again at once for the object it was last asked about. */
function lastOf<T extends object>(idOf: (o: T | undefined) => number): (o: T | undefined) => number {
  let seen: T | undefined
  let id = 0
  return (o) => (o === seen ? id : ((seen = o), (id = idOf(o))))
}

/** The shared style objects of one workbook (shareStyles). */
export interface StyleSharing {
  styles: Map<string, Partial<ExcelJS.Style>>
  ids: WeakMap<object, number>
  /** Alignment (as JSON) → its id. */
  alignments: Map<string, number>
  next: number
}

/**
 * ExcelJS 4.4's streaming sheet writes no <printOptions> (centred on the page, grid lines,
 * headings): this writes it where the schema puts it, just before <pageMargins>, from the sheet's
 * pageSetup as the in-memory writer does. ExcelJS is pinned; test/integration/excel-e81.test.ts
 * compares the page setup of both writers.
 */
export function writePrintOptions(ws: ExcelJS.Worksheet) {
  const p = ws.pageSetup
  const attrs = [
    p.horizontalCentered && 'horizontalCentered="1"',
    p.verticalCentered && 'verticalCentered="1"',
    p.showRowColHeaders && 'headings="1"',
    p.showGridLines && 'gridLines="1"',
  ].filter(Boolean)
  if (!attrs.length) return
  const writer = ws as unknown as { _writePageMargins: () => void; stream: { write: (xml: string) => void } }
  const margins = writer._writePageMargins.bind(writer)
  writer._writePageMargins = () => {
    writer.stream.write(`<printOptions ${attrs.join(' ')}/>`)
    margins()
  }
}
