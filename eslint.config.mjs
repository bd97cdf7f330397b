// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * One folder per feature (docs/architecture.md): a file inside an engine feature folder never imports an
 * aggregator — a file that assembles several features (the engine's module, persistence list, public barrel,
 * the plugins' engine API) or the removed `domain/` folder. The message names the rule.
 * Relative paths are matched per folder depth, so that `..` is caught exactly where it means engine/src/index.
 */
const AGGREGATOR_MESSAGE =
  'A feature imports lower features and shared folders, never an aggregator (engine.module, engine-persistence, ' +
  'the engine barrel, plugins/engine-api, domain/): move what you need into the feature or into common/.';

/** @param {number} depth folders between engine/src and the importing file (1 for engine/src/votes/x.ts) */
function aggregatorImports(depth) {
  const up = Array.from({ length: depth }, () => '\\.\\.').join('/');
  return [
    'error',
    {
      patterns: [
        { regex: '^@liquide/engine$', message: AGGREGATOR_MESSAGE },
        { regex: '^@liquide/(server|cli|web)(/|$)', message: AGGREGATOR_MESSAGE },
        {
          regex: '^\\.{1,2}/(.*/)?(engine\\.module|engine-persistence|engine-api)$',
          message: AGGREGATOR_MESSAGE,
        },
        { regex: '^\\.{1,2}/(.*/)?domain(/|$)', message: AGGREGATOR_MESSAGE },
        { regex: `^${up}(/index)?/?$`, message: AGGREGATOR_MESSAGE },
      ],
    },
  ];
}

/** Feature files at depths 1 to 5 under engine/src (the engine root's own files are the aggregators). */
const featureBoundaries = [1, 2, 3, 4, 5].map((depth) => ({
  files: [`engine/src/${Array.from({ length: depth }, () => '*').join('/')}/*.ts`],
  // the public barrels themselves; specs are tests, which may wire the whole engine (ENGINE_ENTITIES)
  ignores: ['engine/src/plugins/engine-api.ts', 'engine/src/plugins/index.ts', '**/*.spec.ts'],
  rules: { 'no-restricted-imports': aggregatorImports(depth) },
}));

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.liquide/**', 'coverage/**', 'apps/web/**', '**/*.svelte'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': 'error',
      // files stay small enough to read in one sitting (docs/architecture.md); apps/web, which ESLint does not
      // read, is held to the same limit by scripts/check-file-length.mjs
      'max-lines': ['error', { max: 400 }],
    },
  },
  ...featureBoundaries,
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly' } },
  },
);
