import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { Logger } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import { JwtService } from '@nestjs/jwt';
import { MessagesService } from './messages.service';

@WebSocketGateway({ namespace: '/dm', cors: { origin: process.env.WEB_ORIGIN } })
export class DirectMessageGateway implements OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() server!: Server;

  private readonly logger = new Logger(DirectMessageGateway.name);
  private readonly connectedUsers = new Map<string, string>();

  constructor(
    private readonly jwt: JwtService,
    private readonly messages: MessagesService,
  ) {}

  async handleConnection(client: Socket) {
    try {
      const payload = await this.jwt.verifyAsync(client.handshake.auth.token);
      client.data.userId = payload.sub;
      this.connectedUsers.set(payload.sub, client.id);
    } catch {
      client.disconnect(true);
    }
  }

  handleDisconnect(client: Socket) {
    if (client.data.userId) this.connectedUsers.delete(client.data.userId);
  }

  @SubscribeMessage('dm')
  async onDirectMessage(@ConnectedSocket() client: Socket, @MessageBody() body: { to: string; text: string }) {
    const message = await this.messages.create(client.data.userId, body.to, body.text);
    const recipientSocket = this.connectedUsers.get(body.to);
    if (recipientSocket) {
      client.to(recipientSocket).emit('dm', message);
    } else {
      this.logger.debug(`user ${body.to} is offline, message stored only`);
    }
    return { id: message.id };
  }
}
