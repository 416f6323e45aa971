import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AUTH_COOKIES,
  loginSchema,
  registerSchema,
  type AuthResponse,
  type LoginInput,
  type RegisterInput,
  ErrorCode,
} from '@coalesce/shared';
import type { CookieOptions, Response } from 'express';
import type { AppRequest, AuthContext } from '../../common/auth/auth.types';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { ApiErrors, ApiZodBody } from '../../common/validation/openapi';
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
  @ApiOperation({ summary: 'Create an account and sign in' })
  @ApiErrors(ErrorCode.EMAIL_TAKEN, ErrorCode.RATE_LIMITED)
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
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiErrors(ErrorCode.INVALID_CREDENTIALS, ErrorCode.RATE_LIMITED)
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
  @ApiOperation({ summary: 'Sign out: revoke this session' })
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
  @ApiOperation({ summary: 'Get a fresh access token for the current session' })
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
