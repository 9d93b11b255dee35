// Flag 5 (an overdue rencana aksi of the cell): loads the open actions past their due day and
// hands them to the pure rule in app/domain/actions.ts.
import type { Executor } from '../../utils/db.server'
import { overdueActions, type ActionRow } from '../../models/actions.server'
import { actionFlags, type ActionForFlag } from '../../domain/actions'
import { calendarDateIn, isoDate } from '../../domain/periods'
import type { Flag } from '../../domain/flags'

export const todayIn = (asOf: Date, timeZone: string): string => isoDate(calendarDateIn(asOf, timeZone))

export async function overdueActionFlags(db: Executor, scope: { opdId: number | null; unitId?: number | null }, asOf: Date, timeZone: string): Promise<Flag[]> {
  const today = todayIn(asOf, timeZone)
  const rows = await overdueActions(db, scope.opdId, today, scope.unitId ?? null)
  return actionFlagsOf(rows, today)
}

/** Flag 5 of actions already read (overdueActions' rows; the city view reads every OPD's at once). */
export function actionFlagsOf(rows: readonly ActionRow[], today: string): Flag[] {
  const inputs: ActionForFlag[] = rows.map((a) => ({
    id: a.id,
    title: a.title,
    status: a.status,
    dueDate: a.dueDate,
    ownerName: a.ownerName ?? a.ownerUnitName,
    cells: [...(a.aspect && a.strategy ? [{ aspect: a.aspect, strategy: a.strategy }] : []), ...a.indicators.map((i) => ({ aspect: i.aspect, strategy: i.strategy }))],
  }))
  return actionFlags(inputs, today)
}
