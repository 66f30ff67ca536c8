export { FakeGraylog, type FakeGraylogOptions, type FakeGraylogUserSeed } from './fake-graylog';
export { EVENT_IDS as GRAYLOG_EVENT_IDS } from './graylog-seed-processing';
export { IDS as GRAYLOG_IDS } from './graylog-seed';
export type {
  FakeGraylogRole,
  FakeGraylogState,
  FakeGraylogSystem,
  FakeGraylogUser,
  FakeMetric as FakeGraylogMetric,
} from './graylog-state';
