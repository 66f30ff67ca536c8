import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSync, type MethodDefinition } from '@grpc/proto-loader';

/**
 * The minimal slice of Velociraptor's API that CoPilot speaks, written here from the published message and field
 * numbers (Velocidex/velociraptor v0.77.2):
 * - actions/proto/vql.proto: VQLRequest {VQL = 1; Name = 2}, VQLEnv {key = 1; value = 2},
 *   VQLCollectorArgs {Query = 2; env = 3; max_row = 4; max_wait = 6; ops_per_second = 24; timeout = 25;
 *   org_id = 35}, VQLResponse {Response = 1; Columns = 2; Query = 3; timestamp = 4; query_id = 5; part = 6;
 *   total_rows = 7; log = 9; JSONLResponse = 10}.
 *   Note: field 28 of VQLCollectorArgs is `principal` (server-side scheduling), not `org_id`: that one is 35, added in
 *   v0.6.7 (older servers skip it and answer for the API user's org); VQLResponse.log is 9 and total_rows 7
 *   (8 is `types`, 11 `query_start_row`).
 * - api/proto/api.proto: `package proto; service API { rpc Query(VQLCollectorArgs) returns (stream VQLResponse); }`.
 * Fields left out are skipped by protobuf on both sides, so a newer server stays compatible.
 */
export const VELOCIRAPTOR_API_PROTO = `
syntax = "proto3";
package proto;

message VQLRequest {
  string VQL = 1;
  string Name = 2;
}

message VQLEnv {
  string key = 1;
  string value = 2;
}

message VQLCollectorArgs {
  repeated VQLRequest Query = 2;
  repeated VQLEnv env = 3;
  uint64 max_row = 4;
  uint64 max_wait = 6;
  float ops_per_second = 24;
  uint64 timeout = 25;
  string org_id = 35;
}

message VQLResponse {
  string Response = 1;
  repeated string Columns = 2;
  VQLRequest Query = 3;
  uint64 timestamp = 4;
  uint64 query_id = 5;
  uint64 part = 6;
  uint64 total_rows = 7;
  string log = 9;
  string JSONLResponse = 10;
}

service API {
  rpc Query(VQLCollectorArgs) returns (stream VQLResponse) {}
}
`;

/** VQLCollectorArgs as sent (field names as in the proto, thanks to keepCase). */
export interface VqlCollectorArgs {
  Query: { VQL: string; Name: string }[];
  env: { key: string; value: string }[];
  max_row: number;
  max_wait: number;
  timeout: number;
  org_id: string;
}

/** VQLResponse as decoded with defaults: absent strings are '', absent numbers 0. */
export interface VqlResponseMessage {
  Response: string;
  Columns: string[];
  log: string;
  JSONLResponse: string;
  query_id: number;
  part: number;
}

export type QueryMethod = MethodDefinition<VqlCollectorArgs, VqlResponseMessage>;

let cached: QueryMethod | undefined;

/**
 * `proto.API/Query` with its (de)serializers, parsed once per process. proto-loader reads .proto files only, so the
 * text above is written to a private temporary directory for the parse and removed at once; nothing has to be
 * shipped next to the bundled api.
 */
export function velociraptorQueryMethod(): QueryMethod {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'copilot-velociraptor-proto-'));
  try {
    const file = join(dir, 'velociraptor-api.proto');
    writeFileSync(file, VELOCIRAPTOR_API_PROTO, { mode: 0o600 });
    const definition = loadSync(file, { keepCase: true, longs: Number, enums: String, defaults: true });
    const service = definition['proto.API'] as Record<string, MethodDefinition<object, object> | undefined>;
    const query = service['Query'];
    if (!query || query.path !== '/proto.API/Query' || !query.responseStream) {
      throw new Error('proto.API/Query missing from the embedded Velociraptor proto');
    }
    cached = query as unknown as QueryMethod;
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
