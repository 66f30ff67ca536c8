import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';

/** One flat config for the whole workspace: `eslint . --max-warnings 0` runs in a single process. */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.angular',
      '**/.nx',
      '**/test-results',
      '**/playwright-report',
      'libs/client/src/**',
      'data/**',
      'tmp/**',
      'coverage/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Scope axis: console never imports portal, api never imports Angular libs.
            // The Angular libs (client, ui) are scope:shared but typed data-access/ui, which the api may not use.
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
              notDependOnLibsWithTags: ['type:ui', 'type:data-access'],
            },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
            { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:portal', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Type axis: only testing libs and e2e apps may reach the fakes.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:contract'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:contract', 'type:testing', 'type:app'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:contract'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contract'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:data-access', 'type:util', 'type:contract'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contract'] },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:util', 'type:contract', 'type:feature', 'type:data-access'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Integration and e2e specs (and the api's shared spec helpers beside them) may reach the fakes directly.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/api/src/test/**/*.ts', 'tools/**/*.ts', 'tools/**/*.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off', 'no-console': 'off' },
  },

  // Angular apps and the shared ui lib: selector prefixes and template checks.
  ...[
    ['apps/console', 'cp'],
    ['apps/portal', 'pt'],
    ['libs/ui', 'ui'],
  ].flatMap(([dir, prefix]) => [
    ...angular.configs.tsRecommended.map((c) => ({ ...c, files: [`${dir}/**/*.ts`] })),
    {
      files: [`${dir}/**/*.ts`],
      processor: angular.processInlineTemplates,
      rules: {
        '@angular-eslint/component-selector': ['error', { type: 'element', prefix, style: 'kebab-case' }],
        '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix, style: 'camelCase' }],
      },
    },
    ...angular.configs.templateRecommended.map((c) => ({ ...c, files: [`${dir}/**/*.html`] })),
    ...angular.configs.templateAccessibility.map((c) => ({ ...c, files: [`${dir}/**/*.html`] })),
  ]),
];
