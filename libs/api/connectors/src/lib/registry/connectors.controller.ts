import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatch, ApiProblems, CurrentPrincipal, parseIfMatch, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { ConnectorVerifier } from './connector-verifier';
import { ConnectorsService } from './connectors.service';
import {
  ConnectorDto,
  ConnectorFileDto,
  ConnectorPageDto,
  CreateConnectorDto,
  ListConnectorsQuery,
  UpdateConnectorDto,
  VerifyConnectorResultDto,
} from './dto/connector.dto';

@ApiTags('Connectors')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('connectors')
export class ConnectorsController {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly verifier: ConnectorVerifier,
  ) {}

  @Get()
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'connectorsList', summary: 'List the global connectors and those of the caller\'s customers' })
  @ApiOkResponse({ type: ConnectorPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListConnectorsQuery, @CurrentPrincipal() p: Principal): Promise<ConnectorPageDto> {
    const page = await this.connectors.list(query, p.scope);
    return { items: page.items.map((row) => this.connectors.toDto(row)), nextCursor: page.nextCursor, total: page.total ?? 0 };
  }

  @Post()
  @Scopes('admin')
  @ApiOperation({ operationId: 'connectorsCreate', summary: 'Create a customer\'s own instance of a connector' })
  @ApiCreatedResponse({ type: ConnectorDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateConnectorDto, @CurrentPrincipal() p: Principal): Promise<ConnectorDto> {
    return this.connectors.toDto(await this.connectors.create(dto, p));
  }

  @Get(':id')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'connectorsGet', summary: 'Get a connector (secrets are never returned, only whether each is set)' })
  @ApiOkResponse({ type: ConnectorDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<ConnectorDto> {
    return this.connectors.toDto(await this.connectors.get(id, p.scope));
  }

  @Put(':id')
  @Scopes('admin')
  @ApiOperation({ operationId: 'connectorsUpdate', summary: 'Update a connector; an omitted secret keeps its value, null clears it' })
  @ApiOkResponse({ type: ConnectorDto })
  @ApiProblems(400, 404, 412)
  @ApiIfMatch()
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateConnectorDto,
    @CurrentPrincipal() p: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ConnectorDto> {
    return this.connectors.toDto(await this.connectors.update(id, dto, p, parseIfMatch(ifMatch)));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin')
  @ApiOperation({ operationId: 'connectorsDelete', summary: 'Delete a customer\'s own instance (409 for a global connector)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  async remove(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.connectors.delete(id, p);
  }

  @Post('verify/:id')
  @HttpCode(200)
  @Scopes('admin', 'analyst')
  @ApiOperation({
    operationId: 'connectorsVerify',
    summary: 'Check the connection now; 200 with the outcome whether or not the system answered',
  })
  @ApiOkResponse({ type: VerifyConnectorResultDto })
  @ApiProblems(400, 404)
  async verify(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<VerifyConnectorResultDto> {
    const outcome = await this.verifier.verify(await this.connectors.get(id, p.scope));
    return { connectionSuccessful: outcome.ok, message: outcome.message };
  }

  @Post(':id/file')
  @HttpCode(200)
  @Scopes('admin')
  @ApiOperation({ operationId: 'connectorsUploadFile', summary: 'Upload a credential file (Velociraptor api-client YAML), at most 256 KB' })
  @ApiOkResponse({ type: ConnectorDto })
  @ApiProblems(400, 404, 413)
  async uploadFile(@Param('id', ParseIdPipe) id: number, @Body() dto: ConnectorFileDto, @CurrentPrincipal() p: Principal): Promise<ConnectorDto> {
    return this.connectors.toDto(await this.connectors.uploadFile(id, dto, p));
  }
}
