export { AuthModule } from './lib/auth.module';
export { AuthService } from './lib/auth.service';
export type { JwtClaims } from './lib/auth.service';
export { LoginThrottleRow, THROTTLE } from './lib/login-throttle';
