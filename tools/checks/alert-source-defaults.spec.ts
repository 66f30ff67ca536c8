import {
  DEDUP_FIELDS as API_DEDUP_FIELDS,
  DEFAULT_BATCH_SIZE as API_BATCH,
  DEFAULT_DEDUP_FIELDS as API_DEDUP,
  DEFAULT_DEDUP_WINDOW_MINUTES as API_WINDOW,
  DEFAULT_OVERLAP_MINUTES as API_OVERLAP,
  IOC_TYPES as API_IOC_TYPES,
  WAZUH_DEFAULT_MAPPING,
} from '../../libs/api/incidents/src/lib/ingestion/source.types';
import * as consoleCopy from '../../apps/console/src/app/alert-sources/source-defaults';

/**
 * The console cannot import the api's ingestion defaults (scope boundary), so the source form keeps a copy to
 * show as placeholders. This keeps the copy honest.
 */
describe('the console copy of the alert-source defaults', () => {
  it('shows the mapping the api falls back to', () => {
    const { iocs, customerFields, customerMap, ...fields } = WAZUH_DEFAULT_MAPPING;
    expect({ ...consoleCopy.MAPPING_DEFAULTS }).toEqual(fields);
    expect(consoleCopy.DEFAULT_IOCS).toEqual(iocs);
    expect(consoleCopy.DEFAULT_CUSTOMER_FIELDS).toEqual(customerFields);
    expect(customerMap).toEqual({});
  });

  it('offers the same dedup fields and IoC types, with the same defaults', () => {
    expect(consoleCopy.DEDUP_FIELDS).toEqual(API_DEDUP_FIELDS);
    expect(consoleCopy.IOC_TYPES).toEqual(API_IOC_TYPES);
    expect(consoleCopy.DEFAULT_DEDUP_FIELDS).toEqual(API_DEDUP);
    expect(consoleCopy.DEFAULT_DEDUP_WINDOW_MINUTES).toBe(API_WINDOW);
    expect(consoleCopy.DEFAULT_OVERLAP_MINUTES).toBe(API_OVERLAP);
    expect(consoleCopy.DEFAULT_BATCH_SIZE).toBe(API_BATCH);
  });
});
