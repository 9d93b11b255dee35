import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requireUser } from '../services/auth.server'

// The beranda dashboard replaces this; until then the overview is the landing page.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { permission: 'dashboard:read' })
  throw redirect('/renstra')
}
