/** Largest ordinary form post. */
export const BODY_LIMIT_BYTES = 1024 * 1024
/** Largest spreadsheet upload. */
export const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024
/** Paths that accept uploads (imports). */
export const UPLOAD_PATH_PREFIXES = ['/impor']
