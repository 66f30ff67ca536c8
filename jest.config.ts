import type { Config } from 'jest';

const apiProjects = require('./tools/jest/api-projects.cjs');

/** Every Jest suite of the workspace: Node projects plus the two Angular apps. */
const config: Config = {
  maxWorkers: 2,
  projects: [...apiProjects, '<rootDir>/apps/console/jest.config.cts', '<rootDir>/apps/portal/jest.config.cts', '<rootDir>/libs/ui/jest.config.cts'],
};
export default config;
