import { Module } from '@nestjs/common';
import { CustomersModule } from '@copilot/api-customers';
import { PasswordService } from './password/password.service';
import { UsersBootstrap } from './users-bootstrap.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [CustomersModule],
  controllers: [UsersController],
  providers: [UsersService, PasswordService, UsersBootstrap],
  exports: [UsersService, PasswordService, UsersBootstrap],
})
export class UsersModule {}
