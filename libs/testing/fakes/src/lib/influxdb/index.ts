export { FakeInfluxDB, type FakeInfluxDBOptions } from './fake-influxdb';
export {
  newInfluxId,
  seedMonitoringData,
  type FieldValue,
  type InfluxBucket,
  type InfluxCheck,
  type InfluxOrg,
  type InfluxPoint,
  type InfluxStore,
  type ValueType,
} from './influx-store';
