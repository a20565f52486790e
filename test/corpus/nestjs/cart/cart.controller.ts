import { Body, Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { CurrentUser, type AuthUser } from '../auth/current-user.decorator';
import { CartService } from './cart.service';

class AddItemDto {
  @IsString()
  productId!: string;

  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}

@Controller('cart')
@UseGuards(JwtAuthGuard)
export class CartController {
  constructor(private readonly cartService: CartService) {}

  @Get()
  getCart(@CurrentUser() user: AuthUser) {
    return {
      items: this.cartService.getCart(user.id),
      totalCents: this.cartService.totalCents(user.id),
    };
  }

  @Post('items')
  addItem(@CurrentUser() user: AuthUser, @Body() dto: AddItemDto) {
    return this.cartService.addItem(user.id, dto.productId, dto.quantity);
  }

  @Delete()
  @HttpCode(204)
  clear(@CurrentUser() user: AuthUser) {
    this.cartService.clear(user.id);
  }
}
