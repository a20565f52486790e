import { Args, Mutation, Resolver, Subscription, ID } from '@nestjs/graphql';
import { PubSub } from '@nestjs/graphql';
import { UseGuards } from '@nestjs/common';
import { GqlAuthGuard } from './auth/gql-auth.guard';
import { CurrentUser, type JwtUser } from './auth/current-user.decorator';
import { Notification } from './models/notification.model';
import { NotificationsService } from './notifications.service';

const pubSub = new PubSub();

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @Mutation(() => Notification)
  @UseGuards(GqlAuthGuard)
  async notify(
    @CurrentUser() sender: JwtUser,
    @Args('recipientId', { type: () => ID }) recipientId: string,
    @Args('message') message: string,
  ) {
    const notification = await this.notifications.create(sender.sub, recipientId, message);
    await pubSub.publish('notificationAdded', { notificationAdded: notification });
    return notification;
  }

  @Subscription(() => Notification, {
    filter: (payload, _args, context) =>
      payload.notificationAdded.recipientId === context.req.user.sub,
  })
  notificationAdded() {
    return pubSub.asyncIterableIterator('notificationAdded');
  }
}
