export { FakeShuffle, type FakeShuffleOptions } from './fake-shuffle';
export {
  seedShuffleAppAuth,
  seedShuffleWorkflows,
  SHUFFLE_WORKFLOW_IDS,
  type FakeExecutionOutcome,
  type FakeShuffleAction,
  type FakeShuffleWorkflow,
} from './shuffle-seed';
