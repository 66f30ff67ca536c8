import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ConflictError, CurrentPrincipal, JobMetadata, JobRun, Principal, SchedulerService, Scopes } from '@copilot/api-core';
import { JobDto, JobPageDto, JobRunDto, NextRunDto, UpdateJobDto } from './scheduler.dto';

const toJob = (m: JobMetadata): JobDto => ({
  id: m.name, description: m.description, enabled: m.enabled, intervalMinutes: m.intervalMinutes, lastStart: m.lastStart,
  lastSuccess: m.lastSuccess, lastError: m.lastError, lastErrorAt: m.lastErrorAt, lastDurationMs: m.lastDurationMs, nextRun: m.nextRun,
});
const toRun = (r: JobRun): JobRunDto => ({
  id: r.id, jobId: r.jobName, trigger: r.trigger, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt,
  durationMs: r.durationMs, summary: r.summary, error: r.error, actorUsername: r.actorUsername,
});

@ApiTags('Scheduler')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Scopes('admin', 'analyst')
@Controller('scheduler')
export class SchedulerController {
  constructor(private readonly scheduler: SchedulerService) {}

  @Get()
  @ApiOperation({ operationId: 'schedulerList', summary: 'Scheduled jobs with their settings and last outcome' })
  @ApiOkResponse({ type: JobPageDto })
  async list(): Promise<JobPageDto> {
    const jobs = (await this.scheduler.listJobs()).map(toJob);
    return { items: jobs, nextCursor: null, total: jobs.length };
  }

  @Get('runs/:runId')
  @ApiOperation({ operationId: 'schedulerGetRun', summary: 'A run started by run-now or by the schedule (poll it)' })
  @ApiOkResponse({ type: JobRunDto })
  @ApiProblems(400, 404)
  async getRun(@Param('runId', new ParseUUIDPipe()) runId: string): Promise<JobRunDto> {
    return toRun(await this.scheduler.getRun(runId));
  }

  @Get('next_run/:id')
  @ApiOperation({ operationId: 'schedulerNextRun', summary: 'When a job runs next' })
  @ApiOkResponse({ type: NextRunDto })
  @ApiProblems(404)
  async nextRun(@Param('id') id: string): Promise<NextRunDto> {
    const job = await this.scheduler.getJob(id);
    return { id: job.name, enabled: job.enabled, nextRun: job.enabled ? job.nextRun : null };
  }

  @Get(':id/runs')
  @ApiOperation({ operationId: 'schedulerRecentRuns', summary: 'The 50 most recent runs of a job' })
  @ApiOkResponse({ type: [JobRunDto] })
  @ApiProblems(404)
  async recentRuns(@Param('id') id: string): Promise<JobRunDto[]> {
    return (await this.scheduler.recentRuns(id, 50)).map(toRun);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'schedulerGet', summary: 'One job' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<JobDto> {
    return toJob(await this.scheduler.getJob(id));
  }

  @Post('jobs/run/:id')
  @HttpCode(202)
  @ApiOperation({ operationId: 'schedulerRunNow', summary: 'Start a run now in the background (or get the run already going)' })
  @ApiAcceptedResponse({ type: JobRunDto })
  @ApiProblems(404, 409)
  async runNow(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<JobRunDto> {
    const run = await this.scheduler.trigger(id, 'manual', p);
    if (!run) throw new ConflictError(`Job "${id}" is running on another replica; poll GET /api/scheduler/${id}`);
    return toRun(run);
  }

  @Post('pause/:id')
  @HttpCode(200)
  @ApiOperation({ operationId: 'schedulerPause', summary: 'Stop scheduling a job (kept across restarts)' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(404)
  async pause(@Param('id') id: string): Promise<JobDto> {
    return toJob(await this.scheduler.setEnabled(id, false));
  }

  @Post('start/:id')
  @HttpCode(200)
  @ApiOperation({ operationId: 'schedulerStart', summary: 'Resume scheduling a job' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(404)
  async start(@Param('id') id: string): Promise<JobDto> {
    return toJob(await this.scheduler.setEnabled(id, true));
  }

  @Put('update/:id')
  @ApiOperation({ operationId: 'schedulerUpdate', summary: 'Change a job\'s interval (1..10080 minutes)' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(400, 404)
  async update(@Param('id') id: string, @Body() dto: UpdateJobDto): Promise<JobDto> {
    return toJob(await this.scheduler.setInterval(id, dto.intervalMinutes));
  }
}
