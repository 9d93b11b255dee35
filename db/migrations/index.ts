// Static list of migrations (bundled into the server build; no file-system lookup at run time).
import type { Migration } from 'kysely'
import * as m0001 from './0001_init.js'
import * as m0002 from './0002_data_version.js'
import * as m0009 from './0009_actions_reminders.js'

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_data_version': m0002,
  '0009_actions_reminders': m0009,
}
