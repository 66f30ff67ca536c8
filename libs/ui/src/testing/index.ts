// `@copilot/ui/testing`: helpers for specs only; the apps' production code never imports this entry point.
export * from './fixtures';
