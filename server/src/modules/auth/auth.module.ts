import { Module } from '@nestjs/common';
import { REQUEST_AUTHENTICATOR } from '../../common/auth/auth.types';
import { MembersModule } from '../members/members.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';

@Module({
  imports: [UsersModule, MembersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthRepository,
    { provide: REQUEST_AUTHENTICATOR, useExisting: AuthService },
  ],
  exports: [AuthService, REQUEST_AUTHENTICATOR],
})
export class AuthModule {}
