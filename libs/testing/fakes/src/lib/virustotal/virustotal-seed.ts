import { createHash } from 'node:crypto';

/**
 * Demo data of the fake VirusTotal. Object shapes follow the VirusTotal API v3 reference
 * (docs.virustotal.com/reference, "Files", "URLs", "IP addresses", "Domains" object pages): `{data: {type, id,
 * links: {self}, attributes}}`, with `last_analysis_stats`, `reputation`, `last_analysis_date` (epoch seconds) and
 * the per-type attributes a client shows. Engine results are trimmed to a few engines.
 */

export type VtObjectType = 'file' | 'url' | 'ip_address' | 'domain';

export interface FakeVtObject {
  type: VtObjectType;
  id: string;
  attributes: Record<string, unknown>;
}

/** The EICAR anti-virus test file: harmless by design, flagged by nearly every engine, known to VirusTotal. */
export const EICAR = {
  md5: '44d88612fea8a8f36de82e1278abb02f',
  sha1: '3395856ce81f2b7382dee72602f798b642f14140',
  sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
} as const;

const stats = (malicious: number, suspicious: number, harmless: number, undetected: number) => ({
  harmless,
  'type-unsupported': 0,
  suspicious,
  'confirmed-timeout': 0,
  timeout: 0,
  failure: 0,
  malicious,
  undetected,
});

const engines = (verdict: string | null) => ({
  Kaspersky: {
    category: verdict ? 'malicious' : 'undetected',
    engine_name: 'Kaspersky',
    result: verdict,
    method: 'blacklist',
  },
  ESET: {
    category: verdict ? 'malicious' : 'undetected',
    engine_name: 'ESET-NOD32',
    result: verdict,
    method: 'blacklist',
  },
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const analysed = 1_714_060_800;

export function seedVirusTotalObjects(): FakeVtObject[] {
  const cleanFile = {
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
  return [
    {
      type: 'file',
      id: EICAR.sha256,
      attributes: {
        ...EICAR,
        size: 68,
        type_description: 'Text',
        meaningful_name: 'eicar.com',
        names: ['eicar.com', 'eicar.txt'],
        last_analysis_date: analysed,
        first_submission_date: 1_148_301_722,
        times_submitted: 1_000_000,
        last_analysis_stats: stats(66, 0, 0, 8),
        last_analysis_results: engines('EICAR-Test-File'),
        reputation: 3_397,
        total_votes: { harmless: 1_200, malicious: 340 },
        tags: ['text', 'known-distributor'],
      },
    },
    {
      type: 'file',
      id: cleanFile.sha256,
      attributes: {
        ...cleanFile,
        size: 0,
        type_description: 'unknown',
        meaningful_name: 'empty',
        names: ['empty.txt'],
        last_analysis_date: analysed,
        last_analysis_stats: stats(0, 0, 0, 60),
        last_analysis_results: engines(null),
        reputation: 0,
        total_votes: { harmless: 10, malicious: 0 },
        tags: [],
      },
    },
    urlObject('http://malware.wicar.org/data/eicar.com', 'EICAR test download', stats(12, 2, 60, 20), -15),
    urlObject('https://www.example.com/', 'Example Domain', stats(0, 0, 70, 24), 0),
    {
      type: 'ip_address',
      id: '8.8.8.8',
      attributes: {
        as_owner: 'GOOGLE',
        asn: 15169,
        country: 'US',
        continent: 'NA',
        network: '8.8.8.0/24',
        regional_internet_registry: 'ARIN',
        last_analysis_date: analysed,
        last_analysis_stats: stats(0, 0, 62, 32),
        reputation: 545,
        total_votes: { harmless: 200, malicious: 25 },
        tags: [],
      },
    },
    {
      type: 'ip_address',
      id: '185.220.101.4',
      attributes: {
        as_owner: 'Stiftung Erneuerbare Freiheit',
        asn: 60729,
        country: 'DE',
        continent: 'EU',
        network: '185.220.101.0/24',
        regional_internet_registry: 'RIPE NCC',
        last_analysis_date: analysed,
        last_analysis_stats: stats(14, 3, 50, 27),
        reputation: -32,
        total_votes: { harmless: 2, malicious: 40 },
        tags: ['tor'],
      },
    },
    {
      type: 'domain',
      id: 'example.com',
      attributes: {
        registrar: 'RESERVED-Internet Assigned Numbers Authority',
        creation_date: 694_224_000,
        tld: 'com',
        categories: { 'Forcepoint ThreatSeeker': 'information technology' },
        last_analysis_date: analysed,
        last_analysis_stats: stats(0, 0, 66, 28),
        reputation: 12,
        total_votes: { harmless: 30, malicious: 1 },
        tags: [],
      },
    },
  ];
}

function urlObject(url: string, title: string, analysis: ReturnType<typeof stats>, reputation: number): FakeVtObject {
  // URL objects are identified by the SHA-256 of the canonical URL (docs "URL identifiers").
  return {
    type: 'url',
    id: sha256(url),
    attributes: {
      url,
      last_final_url: url,
      title,
      last_http_response_code: 200,
      last_analysis_date: analysed,
      last_analysis_stats: analysis,
      reputation,
      categories: {},
      times_submitted: 42,
      total_votes: { harmless: 0, malicious: reputation < 0 ? 5 : 0 },
      tags: [],
    },
  };
}
