import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { DataSource } from 'typeorm';
import { join } from 'node:path';
import {
  AppConfig, AppValidationPipe, AuditService, ensureBuckets, ensureMysqlDatabase, OBJECT_STORAGE, ObjectStorage, ProblemFilter, registerAuditHook,
  SchedulerService,
} from '@copilot/api-core';
import { ConnectorSeeder, ConnectorVerifier } from '@copilot/api-connectors';
import { UsersBootstrap } from '@copilot/api-users';
import { AppModule } from './app/app.module';
import { registerSecurityHeaders } from './app/security-headers';
import { CSP, registerWebApps } from './app/web';
import { setupOpenApi } from './openapi';

export interface BootOptions {
  /** Start the scheduler ticker (off in most tests, which drive jobs directly). */
  scheduler?: boolean;
  schedulerTickMs?: number;
  /** Directory holding console/ and portal/ builds; default dist/apps under the working dir. */
  webDist?: string;
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose')[];
}

const JSON_BODY_LIMIT = 1024 * 1024;

/** Creates the Nest app with every global mechanism wired (errors, validation, audit, headers). */
export async function createApp(config: AppConfig, opts: BootOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: JSON_BODY_LIMIT, trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: opts.logger ?? loggerLevels(config),
    abortOnError: false,
  });
  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(new AppValidationPipe());
  // Fastify's own errors (malformed JSON, oversize body) reach the ProblemFilter through Nest's
  // exception layer, so there is deliberately no second error handler here.
  const fastify = app.getHttpAdapter().getInstance();
  registerSecurityHeaders(fastify, CSP);
  // Stream mode only (no attachFieldsToBody): upload handlers read their one part as a stream. The
  // limits here are the ceiling; a handler passes its own (case files: MAX_UPLOAD_MB) per request.
  await fastify.register(multipart, {
    limits: { fileSize: config.maxUploadBytes + 1, files: 1, fields: 10, parts: 12, fieldSize: 64 * 1024, headerPairs: 100 },
  });
  registerAuditHook(fastify, app.get(AuditService));
  setupOpenApi(app);
  await registerWebApps(fastify, opts.webDist ?? join(process.cwd(), 'dist', 'apps'));
  app.enableShutdownHooks();
  return app;
}

/**
 * The boot sequence, in order, each step idempotent and logged: (1) config was validated by the
 * caller, (2) database + migrations, (3) buckets, (4) reference data, (5) built-in accounts,
 * (6) scheduler.
 */
export async function boot(config: AppConfig, opts: BootOptions = {}): Promise<NestFastifyApplication> {
  Logger.overrideLogger(opts.logger ?? loggerLevels(config));
  const log = new Logger('Boot');
  const where = config.database.type === 'sqlite' ? `SQLite at ${config.database.path}` : `MySQL database "${config.database.database}"`;
  log.log(`1/6 config ok: ${where}; object store: ${config.storage.driver}${config.generatedSecrets.length ? `; generated ${config.generatedSecrets.join(', ')} into ${config.dataDir}` : ''}`);
  if (config.database.type === 'mysql' && (await ensureMysqlDatabase(config.database))) log.log(`created database "${config.database.database}"`);
  const app = await createApp(config, opts);
  // Runs onModuleInit hooks, where domains register their jobs, before the steps below use them.
  await app.init();
  const migrations = await app.get(DataSource).runMigrations({ transaction: 'each' });
  log.log(`2/6 database ready${migrations.length ? `: applied ${migrations.map((m) => m.name).join(', ')}` : ', schema up to date'}`);
  const buckets = await ensureBuckets(app.get<ObjectStorage>(OBJECT_STORAGE));
  log.log(`3/6 object-store buckets ready: ${buckets.join(', ')}`);
  const bootstrap = app.get(UsersBootstrap);
  const roles = await bootstrap.seedRoles();
  const connectors = await app.get(ConnectorSeeder).seed(config.connectorEnv);
  const changes = [
    roles ? `${roles} role(s) added` : '',
    ...(['created', 'updated', 'kept'] as const).map((k) => (connectors[k].length ? `connectors ${k}${k === 'kept' ? ' (edited in the app)' : ''}: ${connectors[k].join(', ')}` : '')),
  ].filter(Boolean);
  log.log(`4/6 reference data seeded${changes.length ? ` (${changes.join('; ')})` : ''}`);
  // Health checks of the configured connectors run in the background: a system that is down never delays or fails boot.
  app.get(ConnectorVerifier).verifyAllInBackground();
  await bootstrap.ensureBuiltinUsers();
  log.log('5/6 admin and scheduler accounts present');
  const scheduler = app.get(SchedulerService);
  if (opts.scheduler !== false) await scheduler.start(opts.schedulerTickMs);
  else await scheduler.syncMetadata();
  log.log(`6/6 scheduler ${opts.scheduler === false ? 'jobs registered; ticking disabled for this process' : 'started'}`);
  return app;
}

function loggerLevels(config: AppConfig): ('log' | 'error' | 'warn' | 'debug' | 'verbose')[] {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  const upto = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 }[config.logLevel];
  return order.slice(0, upto + 1);
}

