// Moved: the realisation use cases live in services/realisasi/, the page data in presenters/.
// Only this re-export stays, for renstra.server.ts (another area's file); drop it when that file
// imports from utils/unique-violation.
export { isUniqueViolation } from '../utils/unique-violation'
