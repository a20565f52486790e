import {
  ConnectedSocket,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Server, Socket } from 'socket.io';
import { JwtService } from '@nestjs/jwt';

interface OrderShipped {
  userId: string;
  orderId: string;
  carrier: string;
}

// Sockets on other instances are reached through the Redis adapter that
// main.ts installs, so the gateway keeps no map of users.
@WebSocketGateway({ namespace: '/events' })
export class EventsGateway implements OnGatewayConnection {
  @WebSocketServer() server!: Server;

  private readonly logger = new Logger(EventsGateway.name);

  constructor(private readonly jwt: JwtService) {}

  async handleConnection(client: Socket) {
    try {
      const { sub } = await this.jwt.verifyAsync<{ sub: string }>(client.handshake.auth.token);
      client.data.userId = sub;
      await client.join(`user:${sub}`);
    } catch (err) {
      this.logger.warn(`rejected socket ${client.id}: ${(err as Error).message}`);
      client.disconnect(true);
    }
  }

  @SubscribeMessage('ping')
  ping(@ConnectedSocket() client: Socket) {
    return { event: 'pong', data: { at: Date.now(), userId: client.data.userId } };
  }

  @OnEvent('order.shipped')
  notifyShipped(event: OrderShipped) {
    this.server.to(`user:${event.userId}`).emit('order:shipped', event);
  }
}
