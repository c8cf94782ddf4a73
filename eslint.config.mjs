// Lint rules for the whole workspace: type-aware TypeScript rules plus Nx module boundaries.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.cache/**', '**/.nx/**', '**/.run/**', 'tools/**/*.mjs', 'tools/**/*.cjs', '**/*.js', 'apps/console/vite.config.mts'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    ignores: ['apps/console/**'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:tenant-registry', onlyDependOnLibsWithTags: ['scope:tenant-registry', 'scope:shared'] },
            { sourceTag: 'scope:provisioning', onlyDependOnLibsWithTags: ['scope:provisioning', 'scope:shared'] },
            { sourceTag: 'scope:metering', onlyDependOnLibsWithTags: ['scope:metering', 'scope:shared'] },
            { sourceTag: 'scope:billing', onlyDependOnLibsWithTags: ['scope:billing', 'scope:shared'] },
            { sourceTag: 'scope:health-scoring', onlyDependOnLibsWithTags: ['scope:health-scoring', 'scope:shared'] },
            { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:notifications', 'scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:dto', 'type:util', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing', 'type:tools'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:dto', onlyDependOnLibsWithTags: ['type:dto', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:util'] },
            // Benchmarks, fault runs and generators: they may know every service's schema; only e2e may import them.
            { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:dto', 'type:util', 'type:testing', 'type:tools'] },
            { sourceTag: 'type:integration', onlyDependOnLibsWithTags: ['type:contracts', 'type:data-access', 'type:util', 'type:testing'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:util'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg'],
            },
          ],
        },
      ],
    },
  },
  {
    // The operator console (React, browser): type-aware with its own tsconfig, the same promise and exhaustiveness rules.
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    languageOptions: { parserOptions: { project: ['./apps/console/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The testing library and the fakes under testing/ folders are for tests only: production code must never pull them in.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**', '**/testing/**', 'apps/e2e/**', 'libs/testing/**', 'libs/config/**', 'tools/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@tenantry/testing', message: 'libs/testing is for tests only.' },
            { name: '@tenantry/messaging/testing', message: 'Test doubles are for tests only.' },
            { name: '@tenantry/service/testing', message: 'Test doubles are for tests only.' },
            { name: '@tenantry/persistence/testing', message: 'Test doubles are for tests only.' },
          ],
          patterns: [{ group: ['**/testing/*', './testing', '../testing'], message: 'Fakes under testing/ are for tests only.' }],
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment only through @tenantry/config.' }],
    },
  },
];
