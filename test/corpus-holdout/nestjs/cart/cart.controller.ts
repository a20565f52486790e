import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  UseGuards,
} from "@nestjs/common";
import { AuthGuard } from "@nestjs/passport";
import { IsInt, IsString, Max, Min } from "class-validator";
import { CurrentUser, type AuthUser } from "../auth/current-user.decorator.js";
import { CartService } from "./cart.service.js";

export class AddItemDto {
  @IsString()
  productId!: string;

  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}

@Controller("cart")
@UseGuards(AuthGuard("jwt"))
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  list(@CurrentUser() user: AuthUser) {
    return { lines: this.cart.list(user.id) };
  }

  @Post("items")
  add(@CurrentUser() user: AuthUser, @Body() dto: AddItemDto) {
    return this.cart.addItem(user.id, dto.productId, dto.quantity);
  }

  @Delete("items/:productId")
  remove(@CurrentUser() user: AuthUser, @Param("productId") productId: string) {
    return { lines: this.cart.removeItem(user.id, productId) };
  }

  @Delete()
  @HttpCode(204)
  clear(@CurrentUser() user: AuthUser): void {
    this.cart.clear(user.id);
  }
}
