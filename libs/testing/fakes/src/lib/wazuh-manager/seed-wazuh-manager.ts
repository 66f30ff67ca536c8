import { createHash } from 'node:crypto';
import { seedRules } from './seed-wazuh-rules';
import {
  agentId,
  type AgentStatus,
  type FakeAgent,
  type FakePackage,
  type FakeScaCheck,
  type FakeScaPolicy,
  type WazuhState,
} from './wazuh-model';

export interface SeedWazuhManagerOptions {
  /** Agents besides the manager itself (000). Default 25. */
  agents?: number;
  /** Customer codes; each gets `linux_<code>` and `windows_<code>` groups. Default acme, globex. */
  customers?: string[];
  /** Rules in the ruleset. Default 120 (enough to need several pages). */
  rules?: number;
  /** Time the agents' keep-alives are computed from. Default: now. */
  now?: Date;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface OsProfile {
  kind: 'linux' | 'windows';
  os: NonNullable<FakeAgent['os']>;
  policy: { id: string; name: string };
}

const OS_PROFILES: OsProfile[] = [
  {
    kind: 'linux',
    os: {
      arch: 'x86_64',
      codename: 'Jammy Jellyfish',
      major: '22',
      minor: '04',
      name: 'Ubuntu',
      platform: 'ubuntu',
      uname: 'Linux |web |5.15.0-105-generic |#115-Ubuntu SMP |x86_64',
      version: '22.04.4 LTS',
    },
    policy: { id: 'cis_ubuntu22-04', name: 'CIS Ubuntu Linux 22.04 LTS Benchmark v1.0.0.' },
  },
  {
    kind: 'windows',
    os: {
      arch: 'x86_64',
      major: '10',
      minor: '0',
      name: 'Microsoft Windows Server 2019 Standard',
      platform: 'windows',
      uname: 'Microsoft Windows Server 2019 Standard',
      version: '10.0.17763.5820',
    },
    policy: { id: 'cis_win2019', name: 'CIS Microsoft Windows Server 2019 Benchmark v1.2.1' },
  },
  {
    kind: 'linux',
    os: {
      arch: 'x86_64',
      codename: 'Blue Onyx',
      major: '9',
      minor: '4',
      name: 'Rocky Linux',
      platform: 'rocky',
      uname: 'Linux |db |5.14.0-427.13.1.el9_4.x86_64 |#1 SMP PREEMPT_DYNAMIC |x86_64',
      version: '9.4',
    },
    policy: { id: 'cis_rhel9_linux', name: 'CIS Red Hat Enterprise Linux 9 Benchmark v1.0.0' },
  },
];

const STATUS_CYCLE: AgentStatus[] = [
  'active',
  'active',
  'active',
  'disconnected',
  'active',
  'never_connected',
  'pending',
];
const VERSIONS = ['Wazuh v4.14.7', 'Wazuh v4.7.5', 'Wazuh v4.14.7', 'Wazuh v4.9.2'];
const ROLES = { linux: ['web', 'db', 'mail', 'vpn'], windows: ['dc', 'files', 'rdp', 'sql'] };

const LINUX_PACKAGES = [
  ['openssh-server', '1:8.9p1-3ubuntu0.10', 'net', 'OpenSSH Developers'],
  ['openssl', '3.0.2-0ubuntu1.15', 'utils', 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>'],
  ['curl', '7.81.0-1ubuntu1.16', 'web', 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>'],
  ['sudo', '1.9.9-1ubuntu2.4', 'admin', 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>'],
  ['bash', '5.1-6ubuntu1.1', 'shells', 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>'],
  ['python3.10', '3.10.12-1~22.04.3', 'python', 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>'],
  ['nginx', '1.18.0-6ubuntu14.4', 'httpd', 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>'],
  ['wazuh-agent', '4.14.7-1', 'admin', 'Wazuh, Inc <info@wazuh.com>'],
];
const WINDOWS_PACKAGES = [
  ['Microsoft Edge', '124.0.2478.80', 'Microsoft Corporation'],
  ['7-Zip 23.01 (x64)', '23.01', 'Igor Pavlov'],
  ['Google Chrome', '124.0.6367.119', 'Google LLC'],
  ['Microsoft Visual C++ 2015-2022 Redistributable (x64)', '14.38.33135.0', 'Microsoft Corporation'],
  ['Wazuh Agent', '4.14.7', 'Wazuh, Inc.'],
  ['Notepad++ (64-bit x64)', '8.6.5', 'Notepad++ Team'],
];

const SCA_CHECK_TITLES = [
  'Ensure mounting of cramfs filesystems is disabled.',
  'Ensure /tmp is a separate partition.',
  'Ensure AIDE is installed.',
  'Ensure permissions on bootloader config are configured.',
  'Ensure SSH root login is disabled.',
  'Ensure SSH PermitEmptyPasswords is disabled.',
  'Ensure password expiration is 365 days or less.',
  'Ensure auditd is installed.',
  'Ensure firewall is active.',
  'Ensure core dumps are restricted.',
  "Ensure 'Minimum password length' is set to '14 or more character(s)'.",
  "Ensure 'Account lockout threshold' is set to '5 or fewer invalid logon attempt(s), but not 0'.",
];
const SCA_RESULTS: FakeScaCheck['result'][] = ['passed', 'failed', 'failed', 'passed', 'not applicable'];

/** Fills `state` with a small, realistic estate: groups per customer, agents across OSes, ruleset, SCA, packages. */
export function seedWazuhManager(state: WazuhState, options: SeedWazuhManagerOptions = {}): void {
  const now = options.now ?? new Date();
  const customers = options.customers ?? ['acme', 'globex'];
  const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');

  state.groups.set('default', { name: 'default', mergedSum: md5('merged:default'), configSum: md5('config:default') });
  for (const customer of customers) {
    for (const kind of ['linux', 'windows']) {
      const name = `${kind}_${customer}`;
      state.groups.set(name, { name, mergedSum: md5(`merged:${name}`), configSum: md5(`config:${name}`) });
    }
  }
  state.groups.set('dmz', { name: 'dmz', mergedSum: md5('merged:dmz'), configSum: md5('config:dmz') });

  // The manager lists itself as agent 000: no group, always active.
  state.agents.set('000', {
    id: '000',
    name: state.info.hostname,
    ip: '127.0.0.1',
    registerIP: '127.0.0.1',
    status: 'active',
    status_code: 0,
    os: { ...OS_PROFILES[0].os, uname: OS_PROFILES[0].os.uname.replace('|web |', `|${state.info.hostname} |`) },
    version: `Wazuh v${state.info.apiVersion}`,
    manager: state.info.hostname,
    node_name: state.cluster.nodeName,
    dateAdd: iso(400 * 86_400_000),
    lastKeepAlive: '9999-12-31T23:59:59Z',
  });

  const count = options.agents ?? 25;
  for (let n = 1; n <= count; n++) {
    const profile = OS_PROFILES[n % OS_PROFILES.length];
    const customer = customers[n % customers.length];
    const status = STATUS_CYCLE[n % STATUS_CYCLE.length];
    const id = agentId(n);
    const roles = ROLES[profile.kind];
    const name = `${customer}-${roles[n % roles.length]}-${String(n).padStart(2, '0')}`;
    const groups = ['default', `${profile.kind}_${customer}`];
    if (n % 5 === 0) groups.push('dmz');
    // Disconnected agents went quiet days ago; the others reported seconds ago.
    const keepAliveAgo = status === 'disconnected' ? (n + 8) * 86_400_000 : (n % 60) * 1000;
    state.agents.set(id, {
      id,
      name,
      ip:
        status === 'never_connected'
          ? 'any'
          : `10.${10 + (n % customers.length)}.${Math.floor(n / 250)}.${(n % 250) + 2}`,
      registerIP: 'any',
      status,
      status_code: 0,
      manager: state.info.hostname,
      node_name: state.cluster.nodeName,
      dateAdd: iso((120 - n) * 86_400_000),
      group: groups,
      group_config_status: status === 'never_connected' ? 'not synced' : 'synced',
      // An agent that never connected has reported nothing yet: no OS, version, keep-alive or config sums.
      ...(status === 'never_connected'
        ? {}
        : {
            os: { ...profile.os, uname: profile.os.uname.replace(/\|(web|db) \|/, `|${name} |`) },
            version: VERSIONS[n % VERSIONS.length],
            lastKeepAlive: iso(keepAliveAgo),
            configSum: md5(`config:${groups.join(',')}`),
            mergedSum: md5(`merged:${groups.join(',')}`),
          }),
    });
    if (status !== 'never_connected' && status !== 'pending') {
      state.sca.set(id, seedSca(id, profile, n, iso(3_600_000)));
      state.packages.set(id, seedPackages(id, profile, iso(1_800_000)));
    }
  }
  state.rules = seedRules(options.rules ?? 120);
}

function seedSca(
  id: string,
  profile: OsProfile,
  n: number,
  scanTime: string,
): { policies: FakeScaPolicy[]; checks: Map<string, FakeScaCheck[]> } {
  const checks: FakeScaCheck[] = SCA_CHECK_TITLES.map((title, i) => ({
    id: (profile.kind === 'windows' ? 15000 : 28000) + i,
    policy_id: profile.policy.id,
    title,
    description: `${title.replace(/^Ensure /, 'Checks that ').replace(/\.$/, '')} on this host.`,
    rationale: 'Reducing what an attacker can use limits the impact of a compromise.',
    remediation: 'Apply the setting as described in the benchmark and re-run the scan.',
    command: profile.kind === 'windows' ? undefined : 'modprobe -n -v cramfs',
    condition: 'all',
    result: SCA_RESULTS[(i + n) % SCA_RESULTS.length],
    ...(SCA_RESULTS[(i + n) % SCA_RESULTS.length] === 'not applicable'
      ? { reason: "Could not open file '/etc/modprobe.d/cramfs.conf'" }
      : {}),
    compliance: [
      { key: 'cis', value: `1.1.${i + 1}` },
      { key: 'pci_dss', value: '2.2.5' },
      { key: 'tsc', value: 'CC6.3' },
    ],
    rules: [{ type: 'command', rule: 'c:modprobe -n -v cramfs -> r:^install /bin/true' }],
  }));
  const tally = (result: FakeScaCheck['result']) => checks.filter((c) => c.result === result).length;
  const pass = tally('passed');
  const fail = tally('failed');
  const policy: FakeScaPolicy = {
    policy_id: profile.policy.id,
    name: profile.policy.name,
    description: `This document provides prescriptive guidance for establishing a secure configuration posture for ${profile.os.name}.`,
    references: 'https://www.cisecurity.org/cis-benchmarks/',
    pass,
    fail,
    invalid: tally('not applicable'),
    total_checks: checks.length,
    score: Math.round((pass * 100) / (pass + fail)),
    start_scan: scanTime,
    end_scan: scanTime,
    hash_file: sha256(`${id}:${profile.policy.id}`),
  };
  return { policies: [policy], checks: new Map([[profile.policy.id, checks]]) };
}

function seedPackages(id: string, profile: OsProfile, scanTime: string): FakePackage[] {
  if (profile.kind === 'windows') {
    return WINDOWS_PACKAGES.map(([name, version, vendor], i) => ({
      scan: { id: 0, time: scanTime },
      agent_id: id,
      name,
      version,
      architecture: 'x86_64',
      vendor,
      description: '',
      format: 'win',
      size: 0,
      location: `C:\\Program Files\\${name.split(' ')[0]}`,
      install_time: `2024/0${(i % 9) + 1}/1${i % 9}`,
    }));
  }
  return LINUX_PACKAGES.map(([name, version, section, vendor]) => ({
    scan: { id: 0, time: scanTime },
    agent_id: id,
    name,
    version,
    architecture: 'amd64',
    vendor: profile.os.platform === 'ubuntu' ? vendor : 'Rocky Enterprise Software Foundation',
    description: `${name} package`,
    format: profile.os.platform === 'ubuntu' ? 'deb' : 'rpm',
    section,
    priority: 'optional',
    source: name,
    multiarch: 'foreign',
    size: 100 + name.length * 37,
    location: '',
    install_time: '',
  }));
}
