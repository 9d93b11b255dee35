// Account rules shared by the account pages, the workbook import and the setup command.

/** 3–60 characters: lower-case letters, digits, dot, underscore, hyphen; starts with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,59}$/
