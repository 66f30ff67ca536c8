/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const SHUFFLE = 'Shuffle';

/** Connection settings of a Shuffle connector (Shuffle SOAR backend, REST API under `/api/v1`). */
export interface ShuffleConfig {
  /** Base URL of the backend, e.g. `https://shuffle.corp:3443`; a trailing `/api/v1` is tolerated. */
  url: string;
  /** A user's API key, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  verifyTls?: boolean;
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per call. Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
}

export interface ShuffleWorkflow {
  id: string;
  name: string;
  description: string;
  isValid: boolean;
  /** Id of the start action. */
  start: string;
  tags: string[];
  actionCount: number;
  triggerCount: number;
  /** ISO time of the last edit, null when Shuffle does not say. */
  editedAt: string | null;
}

/** What one trigger of a workflow returns: enough to read its result later. */
export interface ShuffleExecutionHandle {
  workflowId: string;
  executionId: string;
  /**
   * Per-execution key that reads the result (Shuffle's `authorization`). Treat it as a secret: whoever holds it can
   * read the execution's data.
   */
  authorization: string;
}

export interface ShuffleExecuteOptions {
  /** Sent as `execution_argument`; objects are serialised to JSON, as Shuffle expects a string. */
  argument?: string | Record<string, unknown> | unknown[];
  /** Action id to start from instead of the workflow's start node. */
  startNode?: string;
}

/** EXECUTING and WAITING are in progress; FINISHED, ABORTED and FAILURE are final. Other strings are kept. */
export type ShuffleExecutionStatus = 'EXECUTING' | 'WAITING' | 'FINISHED' | 'ABORTED' | 'FAILURE' | (string & {});

export interface ShuffleActionResult {
  actionId: string;
  label: string;
  appName: string;
  /** The app action run, e.g. `send_email_shuffle`. */
  actionName: string;
  status: string;
  /** The action's raw output (usually JSON text). */
  result: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface ShuffleExecution {
  executionId: string;
  workflowId: string;
  status: ShuffleExecutionStatus;
  /** true once the status is final. */
  finished: boolean;
  executionArgument: string;
  /** Output of the last action, as Shuffle reports it. */
  result: string;
  startedAt: string | null;
  completedAt: string | null;
  results: ShuffleActionResult[];
}

export interface ShuffleExecutionsPage {
  executions: ShuffleExecution[];
  /** Cursor of the next page when the backend pages (newer releases), else null. */
  cursor: string | null;
}

export interface ShuffleWaitOptions {
  /** Total time to wait for a final status, polls included. Default 60 000 ms. */
  deadlineMs?: number;
  /** Delay before the second poll; doubles after each poll. Default 1 000 ms. */
  initialDelayMs?: number;
  /** Cap of the delay between polls. Default 8 000 ms. */
  maxDelayMs?: number;
  /** Stops waiting early (the last known state is returned). */
  signal?: AbortSignal;
}

export interface ShuffleWaitResult {
  /** false when the deadline passed (or the wait was aborted) before a final status. */
  done: boolean;
  execution: ShuffleExecution;
  polls: number;
  waitedMs: number;
}
