export { Role, User, UserCustomerAccess } from './lib/user.entities';
export { UsersModule } from './lib/users.module';
export { UsersService } from './lib/users.service';
export { UsersBootstrap } from './lib/users-bootstrap.service';
export { PasswordService, passwordProblem, MIN_PASSWORD_LENGTH } from './lib/password/password.service';
