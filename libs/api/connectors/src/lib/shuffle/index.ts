export { pollDelays as shufflePollDelays, ShuffleClient, shuffleBaseUrl } from './shuffle.client';
export { ShuffleClientFactory, ShuffleProvider } from './shuffle.provider';
export { epochToIso as shuffleEpochToIso, isFinalStatus as isFinalShuffleStatus } from './shuffle.parse';
export {
  SHUFFLE,
  type ShuffleActionResult,
  type ShuffleConfig,
  type ShuffleExecuteOptions,
  type ShuffleExecution,
  type ShuffleExecutionHandle,
  type ShuffleExecutionsPage,
  type ShuffleExecutionStatus,
  type ShuffleWaitOptions,
  type ShuffleWaitResult,
  type ShuffleWorkflow,
  type VerifyResult as ShuffleVerifyResult,
} from './shuffle.types';
