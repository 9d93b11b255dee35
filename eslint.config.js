// ESLint (flat config): TypeScript rules with type information, React hooks, and an exhaustive
// switch over unions (a new export or reminder kind without its case does not pass).
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', 'node_modules/**', 'data/**', 'test-artifacts/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The React Compiler's diagnostics (refs read in render, setState in an effect, impure calls,
      // use before declaration in a callback): the app runs React 18 without the compiler, and the
      // offline-entry hook reads refs in render on purpose (the latest typed text, ADR 0013). The
      // classic rules (rules-of-hooks, exhaustive-deps) stay errors.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/purity': 'off',
      'react-hooks/immutability': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // SQL lives in app/models (architecture.md, ADR 0037): everything else in app/ calls a model
    // function — services open the transaction and pass it on, they do not query.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/models/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|selectNoFrom)$/]',
          message: 'SQL lives in app/models (ADR 0037): call or add a model function.',
        },
        { selector: "ImportDeclaration[source.value='kysely'] > ImportSpecifier[imported.name='sql']", message: 'Raw SQL lives in app/models (ADR 0037).' },
      ],
    },
  },
  {
    // migrations are frozen in time and typed against Kysely<any> on purpose (architecture.md)
    files: ['db/migrations/**/*.ts', 'db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
)
