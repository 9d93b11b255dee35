// Static list of migrations (bundled into the server build; no file-system lookup at run time).
import type { Migration } from 'kysely'
import * as m0001 from './0001_init.js'
import * as m0002 from './0002_data_version.js'
import * as m0003 from './0003_login_guard.js'
import * as m0004 from './0004_audit_opd.js'
import * as m0005 from './0005_renstra_mode.js'
import * as m0006 from './0006_org_unit_admin.js'
import * as m0007 from './0007_submission_key.js'
import * as m0008 from './0008_budget_history.js'
import * as m0009 from './0009_actions_reminders.js'
import * as m0012 from './0012_data_version_per_opd.js'

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_data_version': m0002,
  '0003_login_guard': m0003,
  '0004_audit_opd': m0004,
  '0005_renstra_mode': m0005,
  '0006_org_unit_admin': m0006,
  '0007_submission_key': m0007,
  '0008_budget_history': m0008,
  '0009_actions_reminders': m0009,
  '0012_data_version_per_opd': m0012,
}
