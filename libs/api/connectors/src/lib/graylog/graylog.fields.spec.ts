import { UpstreamFormatError } from '@copilot/api-core';
import { Fields, parseGraylogVersion } from './graylog.fields';
import { parseSingleMetric } from './graylog.parse-events';
import { parsePipelines, parseSystem } from './graylog.parse';

describe('parseGraylogVersion', () => {
  it.each([
    ['6.1.0', 6, 1, 0, null, null],
    ['6.1.0-beta.2', 6, 1, 0, 'beta.2', null],
    ['5.0.7+d4d1f5a', 5, 0, 7, null, 'd4d1f5a'],
    ['7.0.0-SNAPSHOT', 7, 0, 0, 'SNAPSHOT', null],
    ['6.2.0-rc.1+0f3b9a1', 6, 2, 0, 'rc.1', '0f3b9a1'],
    ['v6.3', 6, 3, null, null, null],
    ['6.1.0 (build 42)', 6, 1, 0, 'build 42', null],
    ['6.1.0_beta', 6, 1, 0, 'beta', null],
  ])('splits %s', (raw, major, minor, patch, preRelease, build) => {
    expect(parseGraylogVersion(raw)).toEqual({ raw, major, minor, patch, preRelease, build });
  });

  it.each([['nightly'], [''], [null], [undefined], [{ major: 6 }]])('never throws on %p', (raw) => {
    const parsed = parseGraylogVersion(raw);
    expect(parsed).toMatchObject({ major: null, minor: null, patch: null });
  });

  it('keeps a number version as text', () => {
    expect(parseGraylogVersion(6)).toMatchObject({ raw: '6', major: 6, minor: null });
  });
});

describe('lenient parsing', () => {
  const system = {
    facility: 'graylog-server',
    node_id: 'n1',
    cluster_id: 'c1',
    version: '6.1.0',
    lifecycle: 'running',
    is_processing: true,
  };

  it('ignores unknown fields and turns missing or mistyped optional ones into null', () => {
    const parsed = parseSystem({ ...system, brand_new_field: [1, 2], is_processing: 'yes', hostname: undefined });
    expect(parsed).toMatchObject({ nodeId: 'n1', clusterId: 'c1', isProcessing: null, hostname: null, timezone: null });
  });

  it('names the call and field when a required one is missing, instead of crashing', () => {
    expect(() => parseSystem({ ...system, node_id: undefined })).toThrow(
      new UpstreamFormatError(
        'Graylog',
        'unexpected answer to GET /api/system: the body has no "node_id" (is the URL a Graylog server?)',
      ),
    );
    expect(() => parseSystem(['not', 'an', 'object'])).toThrow(/GET \/api\/system: not a JSON object/);
    expect(() => parsePipelines({ pipelines: [] })).toThrow(/GET \/api\/system\/pipelines\/pipeline: not a JSON array/);
    expect(() => parsePipelines([{ id: 'p1', title: 'x' }, 'oops'])).toThrow(/\[1\] is not an object/);
  });

  it('reads nested values without throwing on absent parents', () => {
    const f = Fields.root({ a: { b: { c: '3' } }, list: ['x', 2, 'y'], map: { n: 1, s: 's', z: null } }, 'GET /x');
    expect(f.child('a').child('b').num('c')).toBe(3);
    expect(f.child('missing').child('deeper').str('c')).toBeNull();
    expect(f.strings('list')).toEqual(['x', 'y']);
    expect(f.stringMap('map')).toEqual({ n: '1', s: 's' });
    expect(f.objects('list')).toEqual([]);
  });

  it('infers the type of a single metric from its Dropwizard shape', () => {
    expect(parseSingleMetric('a.b', { count: 5 }).type).toBe('counter');
    expect(parseSingleMetric('a.b', { value: 'x' })).toMatchObject({ type: 'gauge', value: 'x' });
    expect(parseSingleMetric('a.b', { count: 1, m1_rate: 2, mean_rate: 1 })).toMatchObject({
      type: 'meter',
      rate: { oneMinute: 2 },
    });
    expect(parseSingleMetric('a.b', { count: 1, m1_rate: 2, duration_units: 'seconds' }).type).toBe('timer');
    expect(parseSingleMetric('a.b', { count: 1, p50: 2 }).type).toBe('histogram');
    expect(parseSingleMetric('a.b', {}).type).toBe('unknown');
  });
});
