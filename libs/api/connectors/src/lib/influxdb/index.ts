export { InfluxDBClient, type QueryOptions as InfluxQueryOptions } from './influxdb.client';
export { InfluxDBClientFactory, InfluxDBProvider } from './influxdb.provider';
export { flux, fluxDuration, fluxFloat, FluxFragment, fluxString, fluxTime, fluxValue, type FluxInput } from './flux';
export { FluxQueryError, parseCsvRecords, parseFluxCsv } from './flux-csv';
export {
  INFLUXDB,
  type FluxCell,
  type FluxColumn,
  type FluxRecord,
  type FluxResult,
  type FluxTable,
  type InfluxCheck,
  type InfluxDBConfig,
  type InfluxOrganization,
  type InfluxPing,
  type InfluxThreshold,
} from './influxdb.types';
