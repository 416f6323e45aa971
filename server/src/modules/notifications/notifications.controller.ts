import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  notificationListQuerySchema,
  updateNotificationPreferencesSchema,
  type NotificationDto,
  type NotificationListQuery,
  type NotificationPreferences,
  type Page,
  type UnreadCountDto,
  type UpdateNotificationPreferencesInput,
} from '@coalesce/shared';
import type { AuthContext } from '../../common/auth/auth.types';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/openapi';
import { IdPipe, ZodPipe } from '../../common/validation/zod.pipe';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'List my notifications' })
  @ApiZodQuery(notificationListQuerySchema)
  @ApiOkResponse({ description: '{items, nextCursor}: my notifications, newest first' })
  list(
    @CurrentUser() me: AuthContext,
    @Query(new ZodPipe(notificationListQuerySchema)) q: NotificationListQuery,
  ): Promise<Page<NotificationDto>> {
    return this.notifications.list(me.userId, q);
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'Count my unread notifications' })
  @ApiOkResponse({ description: '{unreadCount}' })
  async unreadCount(@CurrentUser() me: AuthContext): Promise<UnreadCountDto> {
    return { unreadCount: await this.notifications.unreadCount(me.userId) };
  }

  @Post('notifications/read-all')
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @HttpCode(200)
  @ApiOkResponse({ description: '{updated, unreadCount}; pushes `notification` (read_all)' })
  readAll(@CurrentUser() me: AuthContext): Promise<{ updated: number; unreadCount: number }> {
    return this.notifications.markAllRead(me.userId);
  }

  @Post('notifications/:id/read')
  @ApiOperation({ summary: 'Mark one notification read' })
  @HttpCode(200)
  @ApiOkResponse({ description: 'The notification, read; pushes `notification` (read)' })
  read(
    @CurrentUser() me: AuthContext,
    @Param('id', new IdPipe('Notification')) id: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(me.userId, id);
  }

  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'Get my notification preferences' })
  @ApiOkResponse({ description: '{inApp: {kind: bool}, email: {kind: bool}}' })
  getPreferences(@CurrentUser() me: AuthContext): Promise<NotificationPreferences> {
    return this.notifications.getPreferences(me.userId);
  }

  @Put('me/notification-preferences')
  @ApiOperation({ summary: 'Replace my notification preferences' })
  @ApiZodBody(updateNotificationPreferencesSchema)
  @ApiOkResponse({ description: 'The preferences (kinds left out take their defaults)' })
  putPreferences(
    @CurrentUser() me: AuthContext,
    @Body(new ZodPipe(updateNotificationPreferencesSchema))
    body: UpdateNotificationPreferencesInput,
  ): Promise<NotificationPreferences> {
    return this.notifications.putPreferences(me.userId, body);
  }
}
