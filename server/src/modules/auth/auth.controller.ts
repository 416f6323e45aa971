import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AUTH_COOKIES,
  loginSchema,
  registerSchema,
  type AuthResponse,
  type LoginInput,
  type RegisterInput,
} from '@coalesce/shared';
import type { CookieOptions, Response } from 'express';
import type { AppRequest, AuthContext } from '../../common/auth/auth.types';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { ApiZodBody } from '../../common/validation/openapi';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { toUserDto } from '../users/users.util';
import { AuthService, type IssuedSession } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @ApiZodBody(registerSchema)
  @ApiCreatedResponse({
    description: '{user, accessToken}; also sets the session and csrf cookies',
  })
  async register(
    @Body(new ZodPipe(registerSchema)) body: RegisterInput,
    @Req() req: AppRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.answer(await this.auth.register(body, req.ip ?? 'unknown'), res);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiZodBody(loginSchema)
  @ApiOkResponse({ description: '{user, accessToken}; sets the session and csrf cookies' })
  async login(
    @Body(new ZodPipe(loginSchema)) body: LoginInput,
    @Req() req: AppRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.answer(await this.auth.login(body, req.ip ?? 'unknown'), res);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revokes the session: its tokens and cookie answer 401' })
  async logout(
    @CurrentUser() me: AuthContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(me.sessionId);
    const opts = this.cookieOptions();
    res.clearCookie(AUTH_COOKIES.session, { ...opts, httpOnly: true });
    res.clearCookie(AUTH_COOKIES.csrf, opts);
  }

  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ description: '{accessToken} for the current session (e.g. for /collab URLs)' })
  async token(@CurrentUser() me: AuthContext): Promise<{ accessToken: string }> {
    return { accessToken: await this.auth.issueAccessToken(me) };
  }

  private cookieOptions(): CookieOptions {
    return {
      path: '/',
      sameSite: 'lax',
      secure: this.config.http.publicUrl?.startsWith('https://') ?? false,
    };
  }

  private answer(s: IssuedSession, res: Response): AuthResponse {
    const opts = { ...this.cookieOptions(), expires: s.expiresAt };
    res.cookie(AUTH_COOKIES.session, s.sessionToken, { ...opts, httpOnly: true });
    res.cookie(AUTH_COOKIES.csrf, s.csrfToken, { ...opts, httpOnly: false });
    return { user: toUserDto(s.user), accessToken: s.accessToken };
  }
}
