import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type MethodDefinition } from '@grpc/proto-loader';

/**
 * The fake's own description of `proto.API/Query`, written for this fake (not copied) from the message and field
 * numbers published in Velociraptor v0.77.2: `actions/proto/vql.proto` (VQLRequest, VQLEnv, VQLCollectorArgs,
 * VQLTypeMap, VQLResponse) and `api/proto/api.proto` (`service API { rpc Query(VQLCollectorArgs) returns (stream
 * VQLResponse) }`, package `proto`). It is kept apart from the client's copy on purpose, so the fake follows the
 * reference rather than the client's assumptions. Fields the fake never reads or sets are left out; protobuf skips
 * unknown fields either way.
 */
export const FAKE_VELOCIRAPTOR_PROTO = `
syntax = "proto3";
package proto;

message VQLRequest {
  string VQL = 1;
  string Name = 2;
}

message VQLEnv {
  string key = 1;
  string value = 2;
  string comment = 3;
}

message VQLCollectorArgs {
  repeated VQLRequest Query = 2;
  repeated VQLEnv env = 3;
  uint64 max_row = 4;
  uint64 max_wait = 6;
  float ops_per_second = 24;
  uint64 timeout = 25;
  string principal = 28;
  float cpu_limit = 30;
  string org_id = 35;
}

message VQLTypeMap {
  string column = 1;
  string type = 2;
}

message VQLResponse {
  string Response = 1;
  repeated string Columns = 2;
  VQLRequest Query = 3;
  uint64 timestamp = 4;
  uint64 query_id = 5;
  uint64 part = 6;
  uint64 total_rows = 7;
  repeated VQLTypeMap types = 8;
  string log = 9;
  string JSONLResponse = 10;
  uint64 query_start_row = 11;
  string org_id = 12;
}

service API {
  rpc Query(VQLCollectorArgs) returns (stream VQLResponse) {}
}
`;

/** VQLCollectorArgs as decoded with keepCase/longs=Number/defaults. */
export interface CollectorArgsMessage {
  Query: { VQL: string; Name: string }[];
  env: { key: string; value: string }[];
  max_row: number;
  max_wait: number;
  timeout: number;
  org_id: string;
}

export interface ResponseMessage {
  Response?: string;
  Columns?: string[];
  Query?: { VQL: string; Name: string };
  timestamp?: number;
  query_id?: number;
  part?: number;
  total_rows?: number;
  log?: string;
  JSONLResponse?: string;
}

let cached: ServiceDefinition | undefined;

/** `proto.API` as a grpc-js service definition. proto-loader reads files only, hence the short-lived temp file. */
export function fakeVelociraptorService(): ServiceDefinition {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'copilot-velo-fake-proto-'));
  try {
    const file = join(dir, 'velociraptor-api.proto');
    writeFileSync(file, FAKE_VELOCIRAPTOR_PROTO);
    const definition = loadSync(file, { keepCase: true, longs: Number, enums: String, defaults: true });
    const service = definition['proto.API'];
    const query = (service as Record<string, MethodDefinition<object, object> | undefined>)['Query'];
    if (!query || query.path !== '/proto.API/Query' || !query.responseStream) {
      throw new Error('the fake Velociraptor proto did not yield proto.API/Query');
    }
    cached = { Query: query };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
