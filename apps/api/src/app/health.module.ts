import { Controller, Get, Inject, Module } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OBJECT_STORAGE, ObjectStorage, Public, ServiceUnavailableError } from '@copilot/api-core';

class HealthCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ required: false }) message?: string;
}

class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ type: HealthCheckDto }) database!: HealthCheckDto;
  @ApiProperty({ type: HealthCheckDto }) objectStorage!: HealthCheckDto;
}

/** Readiness: 200 when the database and object store answer, else a 503 naming the one that didn't. */
@ApiTags('Health')
@Controller('health')
class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'healthGet', summary: 'Readiness of the api and its database and object store' })
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<HealthDto> {
    try {
      await this.db.query('SELECT 1');
    } catch (err) {
      throw new ServiceUnavailableError('database', (err as Error).message);
    }
    try {
      await this.storage.ping();
    } catch (err) {
      throw new ServiceUnavailableError('object-storage', (err as Error).message);
    }
    return { status: 'ok', database: { status: 'up' }, objectStorage: { status: 'up' } };
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
