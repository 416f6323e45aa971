import { Module } from '@nestjs/common';
import { REQUEST_AUTHENTICATOR } from '../../common/auth/auth.types';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RateLimitService } from './rate-limit.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    RateLimitService,
    { provide: REQUEST_AUTHENTICATOR, useExisting: AuthService },
  ],
  exports: [AuthService, REQUEST_AUTHENTICATOR, RateLimitService],
})
export class AuthModule {}
