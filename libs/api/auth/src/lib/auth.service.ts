import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, AuditService, BadInputError, ForbiddenError, Principal, UnauthorizedError } from '@copilot/api-core';
import { CustomersService } from '@copilot/api-customers';
import { PasswordService, User, UsersBootstrap, UsersService } from '@copilot/api-users';
import { MeDto, TokenResponseDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';

export interface JwtClaims {
  sub: string;
  username: string;
  scopes: string[];
  customer_codes?: string[];
  iat: number;
  exp: number;
}

const BAD_CREDENTIALS = 'Incorrect username or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly bootstrap: UsersBootstrap,
    private readonly passwords: PasswordService,
    private readonly customers: CustomersService,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Unknown user, wrong password, disabled account and service account all take one argon2
   * verification and get the same 401, so neither the answer nor its timing tells them apart.
   */
  async login(username: string, password: string, ip: string, clientId?: 'console' | 'portal'): Promise<TokenResponseDto> {
    await this.throttle.assertAllowed(username, ip).catch(async (err: unknown) => {
      // A refused attempt is still an attempt: brute force must show in the audit log.
      await this.audit.record({ actorId: null, actorUsername: username, action: 'auth.login', entity: 'auth', outcome: 'denied', statusCode: 429, ip, detail: 'throttled' });
      throw err;
    });
    const user = await this.users.findByUsername(username);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.disabled || user.role === 'scheduler') {
      await this.throttle.recordFailure(username, ip);
      await this.audit.record({ actorId: user?.id ?? null, actorUsername: username, action: 'auth.login', entity: 'auth', outcome: 'failure', statusCode: 401, ip, detail: 'bad credentials' });
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(username);
    if (clientId === 'console' && user.role === 'customer_user') {
      await this.audit.record({ actorId: user.id, actorUsername: user.username, action: 'auth.login', entity: 'auth', outcome: 'denied', statusCode: 403, ip, detail: 'customer account at the console' });
      throw new ForbiddenError('This is a customer account: sign in at the customer portal (/portal) instead');
    }
    if (clientId === 'portal' && user.role !== 'customer_user') {
      await this.audit.record({ actorId: user.id, actorUsername: user.username, action: 'auth.login', entity: 'auth', outcome: 'denied', statusCode: 403, ip, detail: 'staff account at the portal' });
      throw new ForbiddenError('The customer portal is for customer accounts: analysts and admins sign in at the console (/)');
    }
    await this.users.recordLogin(user.id);
    await this.audit.record({ actorId: user.id, actorUsername: user.username, action: 'auth.login', entity: 'auth', outcome: 'success', statusCode: 200, ip, detail: clientId ?? null });
    return this.issue(user);
  }

  async refresh(principal: Principal): Promise<TokenResponseDto> {
    const user = await this.users.findById(principal.id);
    if (!user || user.disabled) throw new UnauthorizedError('Account is no longer active');
    return this.issue(user);
  }

  async me(principal: Principal): Promise<MeDto> {
    const user = await this.users.findById(principal.id);
    if (!user) throw new UnauthorizedError('Account no longer exists');
    const codes = await this.users.customerCodesOf(user.id);
    return {
      id: user.id, username: user.username, displayName: user.displayName, email: user.email, role: user.role, scopes: [user.role],
      customers: await this.customers.namesFor(codes), mustChangePassword: user.mustChangePassword,
    };
  }

  async changeOwnPassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = await this.users.findById(principal.id);
    if (!user) throw new UnauthorizedError('Account no longer exists');
    if (!(await this.passwords.verify(user.passwordHash, current))) {
      throw new BadInputError('Current password is incorrect', [{ field: 'currentPassword', message: 'is incorrect' }]);
    }
    if (current === next) throw new BadInputError('The new password must differ from the current one', [{ field: 'newPassword', message: 'must differ from the current password' }]);
    await this.users.setPassword(user.id, next, { field: 'newPassword' });
    await this.bootstrap.removeInitialPasswordFileIfUsed();
  }

  private async issue(user: User): Promise<TokenResponseDto> {
    const expiresIn = this.config.accessTokenMinutes * 60;
    const claims: Omit<JwtClaims, 'iat' | 'exp'> = { sub: String(user.id), username: user.username, scopes: [user.role] };
    // Informational for the portal's UI; the api always reads access from the database.
    if (user.role === 'customer_user') claims.customer_codes = await this.users.customerCodesOf(user.id);
    const token = await this.jwt.signAsync(claims, { expiresIn });
    return { access_token: token, token_type: 'bearer', expires_in: expiresIn };
  }
}
