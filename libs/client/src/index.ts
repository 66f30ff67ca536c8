// Generated Angular client for the CoPilot api (`npm run openapi`); the apps' only way to call it.
export * from './lib';
