import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import apiNode from '../apps/api/node-flags.json';
import {
  type Json,
  baseImage,
  composeValidator,
  composeVariables,
  contextSources,
  dockerInstructions,
  dockerStages,
  interpolate,
  isObject,
  malformedInterpolations,
  parseDotenv,
  parsePort,
  variableRefs,
} from './compose-checks';

const DOCKER_DIR = __dirname;
const REPO_ROOT = resolve(DOCKER_DIR, '..');
const COMPOSE_TEXT = readFileSync(join(DOCKER_DIR, 'docker-compose.yml'), 'utf8');
const ENV_EXAMPLE = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');

/** Secrets compose must refuse to start without. */
const REQUIRED = [
  'JWT_SECRET',
  'COPILOT_ENCRYPTION_KEY',
  'MYSQL_PASSWORD',
  'MYSQL_ROOT_PASSWORD',
  'MINIO_ROOT_USER',
  'MINIO_ROOT_PASSWORD',
];
/** Stores that must stay on the compose network: MySQL, the MinIO S3 API and the MinIO console. */
const PRIVATE_PORTS = [3306, 9000, 9001];

const compose = parse(COMPOSE_TEXT) as Json;
/** An operator's .env: .env.example with the required secrets filled in. */
const operatorEnv: Record<string, string> = {
  ...parseDotenv(ENV_EXAMPLE),
  ...Object.fromEntries(REQUIRED.map((name) => [name, `${name.toLowerCase().replace(/_/g, '')}0123456789`])),
};
const resolved = interpolate(compose, operatorEnv);

function services(doc: Json): Record<string, { [key: string]: Json }> {
  const all = isObject(doc) ? doc['services'] : undefined;
  if (!isObject(all)) throw new Error('docker-compose.yml has no services map');
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, { [key: string]: Json }] => isObject(e[1])));
}

function documented(text: string): Set<string> {
  return new Set([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));
}

function undocumented(doc: Json, envExample: string): string[] {
  const names = documented(envExample);
  return composeVariables(doc).filter((name) => !names.has(name));
}

/** Services that build an image, with the absolute path of their Dockerfile. */
function dockerfiles(doc: Json): { service: string; context: string; dockerfile: string }[] {
  return Object.entries(services(doc)).flatMap(([service, def]) => {
    const build = def['build'];
    if (build === undefined) return [];
    const spec = typeof build === 'string' ? { context: build } : isObject(build) ? build : {};
    const context = resolve(DOCKER_DIR, typeof spec['context'] === 'string' ? spec['context'] : '.');
    const file = typeof spec['dockerfile'] === 'string' ? spec['dockerfile'] : 'Dockerfile';
    return [{ service, context, dockerfile: resolve(context, file) }];
  });
}

function environment(def: { [key: string]: Json }): Record<string, string> {
  const env = def['environment'];
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => String(e).split(/=(.*)/s).slice(0, 2)));
  }
  return isObject(env) ? Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '')])) : {};
}

describe('docker/docker-compose.yml', () => {
  it('is valid against the Compose specification schema once interpolated', () => {
    const validate = composeValidator();
    const ok = validate(resolved);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(isObject(compose) && 'version' in compose).toBe(false);
  });

  it('is checked by a validator that rejects what Compose rejects', () => {
    const validate = composeValidator();
    const broken = (mutate: (doc: { [key: string]: Json }) => void): boolean => {
      const copy = JSON.parse(JSON.stringify(resolved)) as { [key: string]: Json };
      mutate(copy);
      return validate(copy);
    };
    expect(
      broken((doc) => (services(doc)['mysql']['healthcheck'] = { test: ['CMD', 'true'], interval: '10 seconds' })),
    ).toBe(false);
    expect(broken((doc) => (services(doc)['api']['ports'] = ['80:http']))).toBe(false);
    expect(broken((doc) => (services(doc)['api']['enviroment'] = { LOG_LEVEL: 'info' }))).toBe(false);
    expect(broken((doc) => (doc['servics'] = {}))).toBe(false);
  });

  it('documents every variable it reads in .env.example', () => {
    expect(malformedInterpolations(compose)).toEqual([]);
    expect(undocumented(compose, ENV_EXAMPLE)).toEqual([]);
  });

  it('would name a variable missing from .env.example', () => {
    const probe = parse(
      [
        'services:',
        '  a:',
        '    image: "busybox:${PROBE_TAG:-1}"',
        '    command: ["sh", "-c", "echo $$HOME $PROBE_BARE"]',
        '    environment: [PROBE_PASSED, "SET=${LOG_LEVEL}"]',
      ].join('\n'),
    ) as Json;
    expect(composeVariables(probe)).toEqual(['LOG_LEVEL', 'PROBE_BARE', 'PROBE_PASSED', 'PROBE_TAG']);
    expect(undocumented(probe, ENV_EXAMPLE)).toEqual(['PROBE_BARE', 'PROBE_PASSED', 'PROBE_TAG']);
  });

  it.each(REQUIRED)('refuses to start while %s is unset or empty', (name) => {
    const refs = variableRefs(compose).filter((ref) => ref.name === name);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => ref.operator !== ':?')).toEqual([]);
    const { [name]: _omitted, ...withoutIt } = operatorEnv;
    expect(() => interpolate(compose, withoutIt)).toThrow(name);
    expect(() => interpolate(compose, { ...operatorEnv, [name]: '' })).toThrow(name);
  });

  it('points the api at the mysql and minio services with the credentials they were created with', () => {
    const all = services(resolved);
    const api = environment(all['api']);
    const mysql = environment(all['mysql']);
    const db = new URL(api['DATABASE_URL']);
    expect(db.protocol).toBe('mysql:');
    expect(`${db.hostname}:${db.port}`).toBe('mysql:3306');
    expect(decodeURIComponent(db.username)).toBe(mysql['MYSQL_USER']);
    expect(decodeURIComponent(db.password)).toBe(mysql['MYSQL_PASSWORD']);
    expect(db.pathname).toBe(`/${mysql['MYSQL_DATABASE']}`);
    expect(api['MINIO_URL']).toBe('http://minio:9000');
    const minio = environment(all['minio']);
    expect([api['MINIO_ROOT_USER'], api['MINIO_ROOT_PASSWORD']]).toEqual([
      minio['MINIO_ROOT_USER'],
      minio['MINIO_ROOT_PASSWORD'],
    ]);
    expect(all['api']['depends_on']).toEqual({
      mysql: { condition: 'service_healthy' },
      minio: { condition: 'service_healthy' },
    });
    for (const name of ['mysql', 'minio']) expect(all[name]['healthcheck']).toBeDefined();
  });

  it('runs MySQL with consecutive auto-increment ids, so ingestion can write a batch as one script', () => {
    expect(services(compose)['mysql']['command']).toContain('--innodb-autoinc-lock-mode=1');
  });

  it('gives MySQL a 1 GB buffer pool unless the operator sets MYSQL_BUFFER_POOL_SIZE', () => {
    expect(services(resolved)['mysql']['command']).toContain('--innodb-buffer-pool-size=1G');
    const sized = interpolate(compose, { ...operatorEnv, MYSQL_BUFFER_POOL_SIZE: '8G' });
    expect(services(sized)['mysql']['command']).toContain('--innodb-buffer-pool-size=8G');
  });

  it('pins the minio image to a release', () => {
    expect(services(compose)['minio']['image']).toMatch(/^minio\/minio:RELEASE\.\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
  });

  it('publishes neither MySQL nor MinIO to the host', () => {
    const all = services(resolved);
    for (const name of ['mysql', 'minio']) {
      expect([name, all[name]['ports'] ?? []]).toEqual([name, []]);
      expect([name, all[name]['network_mode'] ?? 'bridge']).not.toEqual([name, 'host']);
    }
    const leaks = Object.entries(all).flatMap(([name, def]) => {
      const ports = Array.isArray(def['ports']) ? def['ports'] : [];
      return ports
        .map(parsePort)
        .filter((port) => port.targets.some((target) => PRIVATE_PORTS.includes(target)))
        .map((port) => `${name} publishes ${port.targets.join('-')}`);
    });
    expect(leaks).toEqual([]);
  });

  it('publishes the console and the portal on the ports .env chooses', () => {
    const all = services(resolved);
    expect((all['console']['ports'] as Json[]).map(parsePort)).toEqual([
      { published: operatorEnv['COPILOT_HTTP_PORT'], targets: [8080] },
    ]);
    expect((all['portal']['ports'] as Json[]).map(parsePort)).toEqual([
      { published: operatorEnv['COPILOT_PORTAL_PORT'], targets: [8080] },
    ]);
  });
});

describe('Dockerfiles', () => {
  const builds = dockerfiles(compose);

  it('exist for every service that builds an image, with every context file they copy', () => {
    expect(builds.map((b) => b.service).sort()).toEqual(['api', 'console', 'portal']);
    for (const { dockerfile, context } of builds) {
      expect([dockerfile, existsSync(dockerfile)]).toEqual([dockerfile, true]);
      const missing = contextSources(readFileSync(dockerfile, 'utf8')).filter(
        (src) => !existsSync(resolve(context, src)),
      );
      expect([dockerfile, missing]).toEqual([dockerfile, []]);
    }
  });

  it('build the api on Node 24 and run it on a node:24 runtime stage', () => {
    const api = builds.find((b) => b.service === 'api');
    if (!api) throw new Error('no api build in docker-compose.yml');
    const stages = dockerStages(readFileSync(api.dockerfile, 'utf8'));
    expect(baseImage(stages, stages.length - 1)).toMatch(/^node:24(-|$)/);
    for (const { dockerfile } of builds) {
      const images = dockerStages(readFileSync(dockerfile, 'utf8')).map((s, i, all) => baseImage(all, i));
      const nodes = images.filter((image) => image.startsWith('node:'));
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.filter((image) => !/^node:24(-|$)/.test(image))).toEqual([]);
    }
  });

  it('run the api as a non-root user with the layout, port and health check it expects', () => {
    const lines = dockerInstructions(readFileSync(join(DOCKER_DIR, 'api.Dockerfile'), 'utf8'));
    const lastFrom = lines.reduce((last, line, i) => (/^FROM\s/i.test(line) ? i : last), -1);
    const runtime = lines.slice(lastFrom);
    const users = runtime.filter((l) => /^USER\s/i.test(l));
    expect(users.at(-1)).toMatch(/^USER\s+(?!root\b|0\b)\S+/i);
    expect(runtime).toContain('EXPOSE 5000');
    expect(runtime.find((l) => /^HEALTHCHECK\s/i.test(l))).toContain('/api/health');
    expect(runtime.find((l) => /^CMD\s/i.test(l))).toBe(`CMD ${JSON.stringify(['node', ...apiNode.flags, 'dist/apps/api/main.js']).replace(/","/g, '", "')}`);
    for (const app of ['console', 'portal']) {
      expect(runtime.some((l) => l.startsWith('COPY --from=') && l.endsWith(` ./dist/apps/${app}/browser`))).toBe(true);
    }
  });
});

describe('api image and PDF reports', () => {
  it('installs Debian\'s chromium in the runtime stage, where CHROMIUM_PATH points by default', () => {
    const text = readFileSync(join(DOCKER_DIR, 'api.Dockerfile'), 'utf8');
    const stages = dockerStages(text);
    expect(baseImage(stages, stages.length - 1)).toMatch(/-(bookworm|trixie)(-slim)?$/);
    const lines = dockerInstructions(text);
    const runtime = lines.slice(lines.reduce((last, line, i) => (/^FROM\s/i.test(line) ? i : last), -1));
    expect(runtime.filter((l) => /^RUN\s.*apt-get install\b.*\schromium(\s|$)/.test(l))).toHaveLength(1);
    expect(parseDotenv(ENV_EXAMPLE)['CHROMIUM_PATH']).toBe('/usr/bin/chromium');
  });
});

describe('nginx sites', () => {
  const read = (name: string) => readFileSync(join(DOCKER_DIR, 'nginx', name), 'utf8');

  it.each(['console.conf', 'portal.conf'])('%s proxies /api/ to the api and sends the security headers', (site) => {
    const text = read(site);
    expect(text).toMatch(/location \^~ \/api\/ \{\s*include \/etc\/nginx\/snippets\/copilot-api-proxy\.conf;/);
    expect(text).toContain('include /etc/nginx/snippets/copilot-security-headers.conf;');
    expect(read('api-proxy.conf')).toContain('set $copilot_api http://api:5000;');
    const headers = read('security-headers.conf');
    expect(headers).toContain(
      `add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; ` +
        `img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'" always;`,
    );
    for (const header of [
      'X-Content-Type-Options "nosniff"',
      'Referrer-Policy "no-referrer"',
      'X-Frame-Options "DENY"',
    ]) {
      expect(headers).toContain(`add_header ${header} always;`);
    }
  });

  it('accept an upload on /api/ above the api limit', () => {
    const match = /client_max_body_size\s+(\d+)m;/.exec(read('api-proxy.conf'));
    const apiLimitMb = Number(parseDotenv(ENV_EXAMPLE)['MAX_UPLOAD_MB']);
    expect(apiLimitMb).toBeGreaterThan(0);
    expect(Number(match?.[1])).toBeGreaterThan(apiLimitMb);
  });
});
