import { Module } from '@nestjs/common';
import { REQUEST_AUTHENTICATOR } from '../../common/auth/auth.types';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthService, { provide: REQUEST_AUTHENTICATOR, useExisting: AuthService }],
  exports: [AuthService, REQUEST_AUTHENTICATOR],
})
export class AuthModule {}
