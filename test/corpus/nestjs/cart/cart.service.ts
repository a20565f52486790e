import { Injectable, NotFoundException } from '@nestjs/common';
import { ProductsService } from '../products/products.service';

export interface CartItem {
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

@Injectable()
export class CartService {
  private readonly carts = new Map<string, CartItem[]>();

  constructor(private readonly products: ProductsService) {}

  getCart(userId: string): CartItem[] {
    return this.carts.get(userId) ?? [];
  }

  async addItem(userId: string, productId: string, quantity: number): Promise<CartItem[]> {
    const product = await this.products.findOne(productId);
    if (!product) {
      throw new NotFoundException(`product ${productId} not found`);
    }
    const items = this.getCart(userId);
    const existing = items.find((i) => i.productId === productId);
    if (existing) {
      existing.quantity += quantity;
    } else {
      items.push({ productId, quantity, unitPriceCents: product.priceCents });
    }
    this.carts.set(userId, items);
    return items;
  }

  clear(userId: string): void {
    this.carts.delete(userId);
  }

  totalCents(userId: string): number {
    return this.getCart(userId).reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
  }
}
